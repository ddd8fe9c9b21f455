"""Play style: which persona a play looks like (``mariogen classify``, ``generate --like``).

- :mod:`.features`: a play's statistics normalised by what its level offers, compared with
  the core personas' plays of the same level;
- :mod:`.model`: the model, a logistic regression stored as plain numbers in JSON
  (``model.json`` beside this package's modules is the shipped one);
- :mod:`.training`: the seeded training levels and plays behind ``classify --train``;
- :mod:`.classify`: persona probabilities of a play or a replay;
- :mod:`.blend`: a player's persona mix as the card to generate for.
"""

from mariogen.style.classify import Classification, StyleClassifier, mix, replay_play
from mariogen.style.model import SHIPPED_MODEL, StyleModel, StyleModelError, read_model

__all__ = [
    "SHIPPED_MODEL",
    "Classification",
    "StyleClassifier",
    "StyleModel",
    "StyleModelError",
    "mix",
    "read_model",
    "replay_play",
]
