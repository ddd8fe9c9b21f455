"""Tile collision (ENGINE_SPEC §7) and block bumps (§9), compiled."""

from __future__ import annotations

import numpy as np

from mariogen.engine.core import (
    BUMP_BLOCK,
    BUMP_BRICK,
    EV_BUMP,
    EV_COLLECT,
    F0,
    F1,
    F8,
    F16,
    FEAT_BREAKABLE,
    FEAT_BUMPABLE,
    FEAT_LIFE,
    FEAT_PICKABLE,
    FEAT_SPECIAL,
    T_ENEMY_FLOWER,
    T_FIRE_FLOWER,
    T_LIFE_MUSHROOM,
    T_MARIO,
    T_MUSHROOM,
    T_RED_KOOPA,
    T_RED_KOOPA_WINGED,
    T_SHELL,
    TILE_COIN,
    TILE_USED,
    add_event,
    blocks,
    collect_coin,
    features,
    new_sprite,
    remove_sprite,
    tile_get,
    tile_set,
)
from mariogen.engine.layout import (
    K_ALIVE,
    K_FACING,
    K_H,
    K_LIFE,
    K_ON_GROUND,
    K_TYPE,
    K_W,
    K_X,
    K_XA,
    K_Y,
    K_YA,
    L_LIST,
    M_JUMP_TIME,
    M_LARGE,
    MARIO,
    W_NSPR,
)
from mariogen.jit import njit

F_MINUS5 = np.float32(-5.0)
F_MINUS10 = np.float32(-10.0)


@njit
def probe(s, f, b, px, py, vx, vy):
    """One probe point of a movement step (§7.2); returns whether it blocks.

    Mario's probes collect coins and bump blocks they hit moving up; a shell's sideways
    probes bump what they hit.
    """
    c = int(px / F16)
    r = int(py / F16)
    if c == int(f[b + K_X] / F16) and r == int(f[b + K_Y] / F16):
        return False
    tile = tile_get(s, c, r)
    blocking = blocks(tile, vx, vy)
    kind = s[b + K_TYPE]
    if kind == T_MARIO:
        if features(tile) & FEAT_PICKABLE:
            add_event(s, f, EV_COLLECT, TILE_COIN)
            collect_coin(s)
            tile_set(s, c, r, 0)
        if blocking and vy < F0:
            bump(s, f, c, r, s[MARIO + M_LARGE] != 0)
    elif kind == T_SHELL:
        if blocking and vy == F0 and vx != F0:
            bump(s, f, c, r, True)
    return blocking


@njit
def _side_probes(s, f, b, edge, dx, dy):
    """The three sideways probes at column ``edge`` (all evaluated) plus the cliff test."""
    y = f[b + K_Y]
    h = np.float32(s[b + K_H])
    hh = np.float32(s[b + K_H] // 2)
    yd = y + dy
    hit1 = probe(s, f, b, edge, yd - h, dx, dy)
    hit2 = probe(s, f, b, edge, yd - hh, dx, dy)
    hit3 = probe(s, f, b, edge, yd, dx, dy)
    collide = hit1 or hit2 or hit3
    kind = s[b + K_TYPE]
    if (kind == T_RED_KOOPA or kind == T_RED_KOOPA_WINGED) and s[b + K_ON_GROUND]:
        column = int(edge / F16)
        row = int(y / F16 + F1)
        if not blocks(tile_get(s, column, row), dx, F1):
            collide = True
    return collide


@njit
def _step_collides(s, f, b, dx, dy):
    x = f[b + K_X]
    y = f[b + K_Y]
    w = np.float32(s[b + K_W])
    h = np.float32(s[b + K_H])
    collide = False
    if dy > F0:
        left = x + dx - w
        right = x + dx + w
        feet = y + dy
        below = feet + F1
        collide = (
            probe(s, f, b, left, feet, dx, F0)
            or probe(s, f, b, right, feet, dx, F0)
            or probe(s, f, b, left, below, dx, dy)
            or probe(s, f, b, right, below, dx, dy)
        )
    if dy < F0:
        head = y + dy - h
        collide = (
            probe(s, f, b, x + dx, head, dx, dy)
            or probe(s, f, b, x + dx - w, head, dx, dy)
            or probe(s, f, b, x + dx + w, head, dx, dy)
        ) or collide
    if dx != F0:
        edge = x + dx + w if dx > F0 else x + dx - w
        collide = _side_probes(s, f, b, edge, dx, dy) or collide
    return collide


@njit
def move_step(s, f, b, dx, dy):
    """One probe step of at most 8 px per axis (§7.3, §7.4); returns success."""
    if not _step_collides(s, f, b, dx, dy):
        f[b + K_X] = f[b + K_X] + dx
        f[b + K_Y] = f[b + K_Y] + dy
        return True
    x = f[b + K_X]
    y = f[b + K_Y]
    w = s[b + K_W]
    h = s[b + K_H]
    if dx < F0:
        f[b + K_X] = np.float32(16 * int((x - np.float32(w)) / F16) + w)
        f[b + K_XA] = F0
    if dx > F0:
        f[b + K_X] = np.float32(16 * int((x + np.float32(w)) / F16 + F1) - w - 1)
        f[b + K_XA] = F0
    if dy < F0:
        f[b + K_Y] = np.float32(16 * int((y - np.float32(h)) / F16) + h)
        f[b + K_YA] = F0
        if s[b + K_TYPE] == T_MARIO:
            s[b + M_JUMP_TIME] = 0
    if dy > F0:
        s[b + K_ON_GROUND] = 1
        if s[b + K_TYPE] == T_MARIO:
            f[b + K_Y] = np.float32(16 * int((y - F1) / F16 + F1) - 1)
        else:
            f[b + K_Y] = np.float32(16 * int(y / F16 + F1) - 1)
    return False


@njit
def move(s, f, b, dx, dy):
    """MOVE(dx, dy) of §7.1: 8 px sub-steps (x first), stopping at the first blocked one.

    One call site for ``move_step`` keeps the inlined collision code compact.
    """
    while True:
        last = False
        if dx > F8:
            step_x, step_y, dx = F8, F0, dx - F8
        elif dx < -F8:
            step_x, step_y, dx = -F8, F0, dx + F8
        elif dy > F8:
            step_x, step_y, dy = F0, F8, dy - F8
        elif dy < -F8:
            step_x, step_y, dy = F0, -F8, dy + F8
        else:
            step_x, step_y, last = dx, dy, True
        moved = move_step(s, f, b, step_x, step_y)
        if last or not moved:
            return moved


@njit
def add_item(s, f, kind, c, r):
    """Add a mushroom, life mushroom or fire flower over block (c, r), with its first update."""
    x = np.float32(16 * c + 9)
    y = np.float32(16 * r + 8)
    b = new_sprite(s, f, kind, x, y, 4, 12, 1)
    if b < 0:
        return
    # The immediate update of an emerging item (§10.8, §10.9).
    s[b + K_LIFE] += 1
    if kind != T_FIRE_FLOWER or s[b + K_LIFE] < 9:
        f[b + K_Y] = f[b + K_Y] - F1


@njit
def _bump_reaction(s, f, b, c, r):
    """What a sprite standing on a bumped block does (§9.2)."""
    kind = s[b + K_TYPE]
    x = f[b + K_X]
    w = np.float32(s[b + K_W])
    if not (x + w > np.float32(16 * c) and x - w < np.float32(16 * c + 16)):
        return
    if r != int((f[b + K_Y] - F1) / F16):
        return
    facing = s[MARIO + K_FACING]
    if 2 <= kind <= 9 or kind == T_ENEMY_FLOWER:
        f[b + K_XA] = np.float32(-2 * facing)
        f[b + K_YA] = F_MINUS5
        remove_sprite(s, b)
    elif kind == T_SHELL or kind == T_MUSHROOM or kind == T_LIFE_MUSHROOM:
        s[b + K_FACING] = -facing
        f[b + K_YA] = F_MINUS10


@njit
def bump_into(s, f, c, r):
    """Effect of a bump on the cell above the bumped block (§9.2)."""
    if tile_get(s, c, r) == TILE_COIN:
        add_event(s, f, EV_COLLECT, TILE_COIN)
        collect_coin(s)
        tile_set(s, c, r, 0)
    for i in range(s[W_NSPR]):
        b = s[L_LIST + i]
        if s[b + K_ALIVE] and b != MARIO:
            _bump_reaction(s, f, b, c, r)


@njit
def bump(s, f, c, r, can_break_bricks):
    """A block hit from below by Mario or from the side by a shell (§9.1)."""
    feat = features(tile_get(s, c, r))
    if feat & FEAT_BUMPABLE:
        bump_into(s, f, c, r - 1)
        add_event(s, f, EV_BUMP, BUMP_BLOCK)
        tile_set(s, c, r, TILE_USED)
        if feat & FEAT_SPECIAL:
            add_item(s, f, T_FIRE_FLOWER if s[MARIO + M_LARGE] else T_MUSHROOM, c, r)
        elif feat & FEAT_LIFE:
            add_item(s, f, T_LIFE_MUSHROOM, c, r)
        else:
            collect_coin(s)
    if feat & FEAT_BREAKABLE:
        bump_into(s, f, c, r - 1)
        if can_break_bricks:
            add_event(s, f, EV_BUMP, BUMP_BRICK)
            tile_set(s, c, r, 0)
