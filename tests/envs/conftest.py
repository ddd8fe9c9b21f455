"""Environment tests draw headless: no window ever opens (SDL's dummy video driver)."""

import os

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
