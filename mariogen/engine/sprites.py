"""Updates of every sprite but Mario, and the sprite constructors (ENGINE_SPEC §10), compiled.

A constructor queues the sprite as added this tick and runs its immediate first update.
"""

from __future__ import annotations

import numpy as np

from mariogen.engine.core import (
    F0,
    F1,
    F2,
    F20,
    F_DAMP_WINGED,
    F_DAMP_X,
    F_DAMP_Y,
    F_ENEMY_SPEED,
    F_FIREBALL_GRAVITY,
    F_WING_GRAVITY,
    T_BULLET_BILL,
    T_ENEMY_FLOWER,
    T_FIRE_FLOWER,
    T_FIREBALL,
    T_LIFE_MUSHROOM,
    T_MUSHROOM,
    T_SHELL,
    new_sprite,
    remove_sprite,
)
from mariogen.engine.layout import (
    K_CODE,
    K_FACING,
    K_LIFE,
    K_ON_GROUND,
    K_SHELL_TYPE,
    K_TYPE,
    K_WAIT,
    K_WINGED,
    K_X,
    K_XA,
    K_Y,
    K_Y_START,
    K_YA,
    L_FIREBALLS,
    L_SHELLS,
    MARIO,
    W_NFIREBALL,
    W_NSHELL,
)
from mariogen.engine.physics import move
from mariogen.jit import njit

F4 = np.float32(4.0)
F8 = np.float32(8.0)
F11 = np.float32(11.0)
F_MINUS1 = np.float32(-1.0)
F_MINUS5 = np.float32(-5.0)
F_MINUS10 = np.float32(-10.0)


@njit
def _face_from_velocity(s, f, b):
    if f[b + K_XA] > F2:
        s[b + K_FACING] = 1
    if f[b + K_XA] < -F2:
        s[b + K_FACING] = -1


@njit
def _walk(s, f, b, speed):
    """Walk one tick at ``speed`` in the facing direction, turning round when blocked."""
    f[b + K_XA] = np.float32(s[b + K_FACING]) * speed
    if not move(s, f, b, f[b + K_XA], F0):
        s[b + K_FACING] = -s[b + K_FACING]


@njit
def _fall(s, f, b, damp_y, gravity):
    """Move by ya, damp both velocities, then add gravity unless standing."""
    s[b + K_ON_GROUND] = 0
    move(s, f, b, F0, f[b + K_YA])
    f[b + K_YA] = f[b + K_YA] * damp_y
    f[b + K_XA] = f[b + K_XA] * F_DAMP_X
    if not s[b + K_ON_GROUND]:
        f[b + K_YA] = f[b + K_YA] + gravity


@njit
def update_enemy(s, f, b):
    """Goombas, koopas and spikies, winged or not (§10.1)."""
    _face_from_velocity(s, f, b)
    _walk(s, f, b, F_ENEMY_SPEED)
    if s[b + K_WINGED]:
        _fall(s, f, b, F_DAMP_WINGED, F_WING_GRAVITY)
        if s[b + K_ON_GROUND]:
            f[b + K_YA] = F_MINUS10
    else:
        _fall(s, f, b, F_DAMP_Y, F2)


@njit
def update_flower(s, f, b):
    """The piranha plant's rise, wait and sink cycle (§10.4)."""
    y_start = f[b + K_Y_START]
    ya = f[b + K_YA]
    if ya > F0 and f[b + K_Y] >= y_start:
        f[b + K_Y] = y_start
        s[b + K_WAIT] += 1
        if s[b + K_WAIT] > 40 and int(abs(f[MARIO + K_X] - f[b + K_X])) > 24:
            s[b + K_WAIT] = 0
            f[b + K_YA] = F_MINUS1
    elif ya < F0 and y_start - f[b + K_Y] > F20:
        f[b + K_Y] = y_start - F20
        s[b + K_WAIT] += 1
        if s[b + K_WAIT] > 40:
            s[b + K_WAIT] = 0
            f[b + K_YA] = F1
    f[b + K_Y] = f[b + K_Y] + f[b + K_YA]


@njit
def update_bullet(s, f, b):
    """A bullet bill flies straight, ignoring tiles (§10.7)."""
    f[b + K_XA] = np.float32(s[b + K_FACING]) * F4
    f[b + K_X] = f[b + K_X] + f[b + K_XA]


@njit
def update_shell(s, f, b):
    """A shell slides at 11 px per tick once kicked, bumping blocks it hits (§10.5)."""
    _face_from_velocity(s, f, b)
    if s[b + K_FACING] != 0:
        s[L_SHELLS + s[W_NSHELL]] = b
        s[W_NSHELL] += 1
    _walk(s, f, b, F11)
    _fall(s, f, b, F_DAMP_Y, F2)


@njit
def update_fireball(s, f, b):
    """A fireball bounces along the ground and dies at the first wall (§10.6)."""
    _face_from_velocity(s, f, b)
    f[b + K_XA] = np.float32(s[b + K_FACING]) * F8
    s[L_FIREBALLS + s[W_NFIREBALL]] = b
    s[W_NFIREBALL] += 1
    if not move(s, f, b, f[b + K_XA], F0):
        remove_sprite(s, b)
        return
    s[b + K_ON_GROUND] = 0
    move(s, f, b, F0, f[b + K_YA])
    if s[b + K_ON_GROUND]:
        f[b + K_YA] = F_MINUS10
    f[b + K_YA] = f[b + K_YA] * F_DAMP_WINGED
    f[b + K_XA] = f[b + K_XA] * F_DAMP_X
    if not s[b + K_ON_GROUND]:
        f[b + K_YA] = f[b + K_YA] + F_FIREBALL_GRAVITY


@njit
def update_mushroom(s, f, b):
    """Mushrooms and life mushrooms: emerge for 9 updates, then walk (§10.8)."""
    if s[b + K_LIFE] < 9:
        f[b + K_Y] = f[b + K_Y] - F1
        s[b + K_LIFE] += 1
        return
    _face_from_velocity(s, f, b)
    _walk(s, f, b, F_ENEMY_SPEED)
    _fall(s, f, b, F_DAMP_Y, F2)


@njit
def update_fire_flower(s, f, b):
    """A fire flower emerges 8 px and then stays put (§10.9)."""
    s[b + K_LIFE] += 1
    if s[b + K_LIFE] < 9:
        f[b + K_Y] = f[b + K_Y] - F1


@njit
def update_sprite(s, f, b):
    """Dispatch one sprite's update by its type (Mario excluded)."""
    kind = s[b + K_TYPE]
    if 2 <= kind <= 9:
        update_enemy(s, f, b)
    elif kind == T_ENEMY_FLOWER:
        update_flower(s, f, b)
    elif kind == T_BULLET_BILL:
        update_bullet(s, f, b)
    elif kind == T_SHELL:
        update_shell(s, f, b)
    elif kind == T_FIREBALL:
        update_fireball(s, f, b)
    elif kind == T_MUSHROOM or kind == T_LIFE_MUSHROOM:
        update_mushroom(s, f, b)
    elif kind == T_FIRE_FLOWER:
        update_fire_flower(s, f, b)


@njit
def add_enemy(s, f, kind, c, r, facing, code):
    """Spawn a walking enemy from the template at cell (c, r) (§3.8, §10.1)."""
    height = 24 if 4 <= kind <= 7 else 12
    x = np.float32(16 * c + 8)
    y = np.float32(16 * r + 15)
    b = new_sprite(s, f, kind, x, y, 4, height, facing)
    if b >= 0:
        s[b + K_CODE] = code
        s[b + K_WINGED] = kind % 2
        update_enemy(s, f, b)


@njit
def add_flower(s, f, c, r, code):
    """Spawn a piranha plant from a ``T`` pipe's top-left cell (§10.4)."""
    b = new_sprite(s, f, T_ENEMY_FLOWER, np.float32(16 * c + 17), np.float32(16 * r + 18), 2, 12, 1)
    if b >= 0:
        s[b + K_CODE] = code
        f[b + K_Y_START] = f[b + K_Y]
        f[b + K_YA] = F_MINUS1
        update_flower(s, f, b)


@njit
def add_bullet(s, f, x, y, facing):
    """Fire a bullet bill from a cannon (§6.4, §10.7)."""
    b = new_sprite(s, f, T_BULLET_BILL, x, y, 4, 12, facing)
    if b >= 0:
        f[b + K_YA] = F_MINUS5
        update_bullet(s, f, b)


@njit
def add_shell(s, f, x, y, shell_type, code):
    """Leave a shell where a koopa was stomped (§10.5)."""
    b = new_sprite(s, f, T_SHELL, x, y, 4, 12, 0)
    if b >= 0:
        s[b + K_CODE] = code
        s[b + K_SHELL_TYPE] = shell_type
        f[b + K_YA] = F_MINUS5
        update_shell(s, f, b)


@njit
def add_fireball(s, f, x, y, facing):
    """Mario throws a fireball (§8.7, §10.6)."""
    b = new_sprite(s, f, T_FIREBALL, x, y, 4, 8, facing)
    if b >= 0:
        f[b + K_YA] = F4
        update_fireball(s, f, b)


@njit
def is_enemy_class(kind):
    """Enemy, FlowerEnemy or BulletBill: the sprites that count as enemies for FALL_KILL."""
    return 2 <= kind <= 11
