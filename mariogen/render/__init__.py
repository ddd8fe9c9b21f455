"""Pictures of tiles, sprites and levels, drawn with mariogen's own art (pygame, headless).

pygame is imported only when something is drawn, never when this package is imported.
"""

from mariogen.render.art import (
    TILE_PX,
    draw_mario,
    draw_sprite,
    draw_tile,
    mario_surface,
    sprite_surface,
    tile_size,
    tile_surface,
)
from mariogen.render.level_image import (
    ImagePlan,
    plan_image,
    render_level,
    render_level_array,
    render_level_png,
    save_png,
)

__all__ = [
    "TILE_PX",
    "ImagePlan",
    "draw_mario",
    "draw_sprite",
    "draw_tile",
    "mario_surface",
    "plan_image",
    "render_level",
    "render_level_array",
    "render_level_png",
    "save_png",
    "sprite_surface",
    "tile_size",
    "tile_surface",
]
