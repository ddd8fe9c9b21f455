"""The world tick (ENGINE_SPEC §6) and the game loop's statistics (§5, §13), compiled."""

from __future__ import annotations

import numpy as np

from mariogen.engine.core import (
    EV_BUMP,
    EV_COLLECT,
    EV_FALL_KILL,
    EV_FIRE_KILL,
    EV_HURT,
    EV_JUMP,
    EV_KICK,
    EV_LAND,
    EV_SHELL_KILL,
    EV_STOMP_KILL,
    F0,
    F064,
    F8,
    F15,
    F16,
    F128,
    F256,
    FEAT_SPAWNER,
    STATUS_RUNNING,
    STATUS_TIME_OUT,
    T_ENEMY_FLOWER,
    T_FIREBALL,
    add_event,
    features,
    idiv,
    lose,
    remove_sprite,
    tile_get,
)
from mariogen.engine.interact import collide_with_mario, fireball_pass, shell_pass
from mariogen.engine.layout import (
    E_MODE,
    E_PARAM,
    E_TIME,
    E_TYPE,
    E_X,
    EV_BASE,
    EV_FIELDS,
    K_ALIVE,
    K_CODE,
    K_REMOVED,
    K_TYPE,
    K_X,
    K_Y,
    L_ADDED,
    L_LIST,
    LAST_SPAWN,
    M_ACTIONS,
    MARIO,
    SPRITE_CAPACITY,
    ST_AIR_BEST,
    ST_AIR_START,
    ST_BRICKS,
    ST_BUMP_BRICK,
    ST_BUMP_QUESTION,
    ST_COLLECT_15,
    ST_FLOWERS,
    ST_GAME_EVENTS,
    ST_HURTS,
    ST_ITERS,
    ST_JUMPS,
    ST_KICKS,
    ST_KILL_FALL,
    ST_KILL_STOMP,
    ST_KILLS_BY_TYPE,
    ST_MUSHROOMS,
    ST_TILE_COINS,
    ST_XJUMP_BEST,
    ST_XJUMP_START,
    W_CAMX,
    W_CAMY,
    W_CLONED,
    W_FIREBALLS,
    W_HEIGHT,
    W_LAST_KIND,
    W_NADD,
    W_NEV,
    W_NSPR,
    W_PAUSE,
    W_STATUS,
    W_TICK,
    W_TIMER,
    W_WIDTH,
)
from mariogen.engine.mario import update_mario
from mariogen.engine.sprites import add_bullet, add_enemy, add_flower, is_enemy_class, update_sprite
from mariogen.jit import njit

KIND_UPDATE = 0
KIND_PAUSE = 1
KIND_TIMEOUT = 2
KIND_ENDED = 3
#: y beyond which a removed enemy counts as fallen: screen height + 32 (§6.3, Q24).
FALL_KILL_Y = np.float32(288)


@njit
def _camera_axis(centre, level_px):
    """Camera coordinate centring ``centre`` on a 256 px screen, kept inside the level."""
    cam = centre - F128
    if cam + F256 > level_px:
        cam = level_px - F256
    if cam < F0:
        cam = F0
    return cam


@njit
def _set_camera(s, f):
    f[W_CAMX] = _camera_axis(f[MARIO + K_X], np.float32(16 * s[W_WIDTH]))
    f[W_CAMY] = _camera_axis(f[MARIO + K_Y], np.float32(16 * s[W_HEIGHT]))


@njit
def _removal_pass(s, f):
    cam = f[W_CAMX]
    left = cam - F064
    right = cam + F256 + F064
    bottom = np.float32(16 * s[W_HEIGHT] + 32)
    s[W_FIREBALLS] = 0
    for i in range(s[W_NSPR]):
        b = s[L_LIST + i]
        x = f[b + K_X]
        y = f[b + K_Y]
        if x < left or x > right or y > bottom:
            if b == MARIO:
                lose(s, f)
            remove_sprite(s, b)
            if is_enemy_class(s[b + K_TYPE]) and y > FALL_KILL_Y:
                add_event(s, f, EV_FALL_KILL, s[b + K_TYPE])
        elif s[b + K_TYPE] == T_FIREBALL:
            s[W_FIREBALLS] += 1


@njit
def _code_in_list(s, code):
    for i in range(s[W_NSPR]):
        if s[s[L_LIST + i] + K_CODE] == code:
            return True
    return False


@njit
def _spawn_template(s, f, lvl, x, y, direction):
    """Spawn the template at (x, y) unless its sprite exists or it was in the window (§6.4)."""
    width = s[W_WIDTH]
    cell = y * width + x
    code = x * 1000 + y
    slot = LAST_SPAWN + lvl[width * s[W_HEIGHT] + cell]
    if not _code_in_list(s, code) and s[slot] != s[W_TICK] - 1:
        kind = lvl[cell]
        if kind == T_ENEMY_FLOWER:
            add_flower(s, f, x, y, code)
        else:
            add_enemy(s, f, kind, x, y, 1 if direction == 0 else direction, code)
    s[slot] = s[W_TICK]


@njit
def _spawn_pass(s, f, lvl):
    """Templates entering the window spawn, cannons fire every 100 ticks (§6.4)."""
    width = s[W_WIDTH]
    height = s[W_HEIGHT]
    cam_x = f[W_CAMX]
    cam_y = f[W_CAMY]
    x0 = idiv(int(cam_x), 16) - 1
    x1 = idiv(int(cam_x + F256), 16) + 1
    y0 = idiv(int(cam_y), 16) - 1
    y1 = idiv(int(cam_y + F256), 16) + 1
    mario_x = f[MARIO + K_X]
    right_of = mario_x + F16
    left_of = mario_x - F16
    firing = s[W_TICK] % 100 == 0
    for x in range(x0, x1 + 1):
        centre = np.float32(16 * x + 8)
        direction = 0
        if centre > right_of:
            direction = -1
        elif centre < left_of:
            direction = 1
        templates = 0 <= x < width and lvl[2 * width * height + x] != 0
        cannons = firing and direction != 0
        if not (templates or cannons):
            continue
        for y in range(y0, y1 + 1):
            if templates and 0 <= y < height and lvl[y * width + x] != 0:
                _spawn_template(s, f, lvl, x, y, direction)
            if cannons and features(tile_get(s, x, y)) & FEAT_SPAWNER:
                bx = np.float32(16 * x + 8 + 8 * direction)
                add_bullet(s, f, bx, np.float32(16 * y + 15), direction)


@njit
def _maintain_list(s):
    """Added sprites go to the front in add order; removed ones leave the list (§6.6).

    In place, without allocating: the added list and then the old list are filtered where
    they lie (a removed sprite's flag is cleared in that order), then the old list's kept
    sprites move right to make room for the added ones, up to ``SPRITE_CAPACITY``.
    """
    n_added = _filter_removed(s, L_ADDED, s[W_NADD])
    n_old = min(_filter_removed(s, L_LIST, s[W_NSPR]), SPRITE_CAPACITY - n_added)
    for i in range(n_old - 1, -1, -1):
        s[L_LIST + n_added + i] = s[L_LIST + i]
    for i in range(n_added):
        s[L_LIST + i] = s[L_ADDED + i]
    s[W_NSPR] = n_added + n_old
    s[W_NADD] = 0


@njit
def _filter_removed(s, start, n):
    """Drop the removed sprites from the ``n`` record offsets at ``s[start:]``, keeping the
    order; a removed sprite's flag is cleared and its slot freed (Mario's never is).
    Returns how many remain."""
    kept = 0
    for i in range(n):
        b = s[start + i]
        if s[b + K_REMOVED]:
            s[b + K_REMOVED] = 0
            if b != MARIO:
                s[b + K_TYPE] = 0
        else:
            s[start + kept] = b
            kept += 1
    return kept


@njit
def settle_clone(s):
    """Finish a clone (§15): its event list starts empty and Mario's position is rounded
    through his constructor (Q16). Clones defer this to their first use."""
    f = s.view(np.float32)
    s[W_NEV] = 0
    f[MARIO + K_X] = (f[MARIO + K_X] - F8) + F8
    f[MARIO + K_Y] = (f[MARIO + K_Y] - F15) + F15
    s[W_CLONED] = 0


@njit
def world_update(s, lvl, actions):
    """One call of the world's update with the given buttons; returns its ``UpdateKind``."""
    f = s.view(np.float32)
    if s[W_CLONED]:
        settle_clone(s)
    if s[W_STATUS] != STATUS_RUNNING:
        kind = KIND_ENDED
    elif s[W_PAUSE] > 0:
        s[W_PAUSE] -= 1
        kind = KIND_PAUSE
    elif s[W_TIMER] > 0 and s[W_TIMER] - 30 <= 0:
        s[W_TIMER] = 0
        s[W_STATUS] = STATUS_TIME_OUT
        s[MARIO + K_ALIVE] = 0
        kind = KIND_TIMEOUT
    else:
        if s[W_TIMER] > 0:
            s[W_TIMER] -= 30
        _tick(s, f, lvl, actions)
        kind = KIND_UPDATE
    s[W_LAST_KIND] = kind
    return kind


@njit
def _tick(s, f, lvl, actions):
    s[W_TICK] += 1
    _set_camera(s, f)
    s[W_NEV] = 0
    _removal_pass(s, f)
    _spawn_pass(s, f, lvl)
    s[MARIO + M_ACTIONS] = actions
    for i in range(s[W_NSPR]):
        b = s[L_LIST + i]
        if s[b + K_ALIVE]:
            if b == MARIO:
                update_mario(s, f)
            else:
                update_sprite(s, f, b)
    for i in range(s[W_NSPR]):
        b = s[L_LIST + i]
        if s[b + K_ALIVE] and b != MARIO:
            collide_with_mario(s, f, b)
    shell_pass(s, f)
    fireball_pass(s, f)
    _maintain_list(s)


@njit
def accumulate_events(s):
    """Fold the latest frame's events into the game loop's statistics (§5 step 7.3, §13)."""
    f = s.view(np.float32)
    s[ST_ITERS] += 1
    n = s[W_NEV]
    s[ST_GAME_EVENTS] += n
    for i in range(n):
        e = EV_BASE + i * EV_FIELDS
        kind = s[e + E_TYPE]
        param = s[e + E_PARAM]
        if kind == EV_STOMP_KILL or kind == EV_FIRE_KILL or kind == EV_SHELL_KILL:
            s[ST_KILL_STOMP + kind - EV_STOMP_KILL] += 1
            if 0 <= param <= 16:
                s[ST_KILLS_BY_TYPE + param] += 1
        elif kind == EV_FALL_KILL:
            s[ST_KILL_FALL] += 1
        elif kind == EV_HURT:
            s[ST_HURTS] += 1
        elif kind == EV_KICK:
            s[ST_KICKS] += 1
        elif kind == EV_BUMP:
            if param == 24:
                s[ST_BUMP_QUESTION] += 1
            elif param == 22:
                s[ST_BUMP_BRICK] += 1
                if s[e + E_MODE] > 0:
                    s[ST_BRICKS] += 1
        elif kind == EV_COLLECT:
            if param == 12:
                s[ST_MUSHROOMS] += 1
            elif param == 13:
                s[ST_FLOWERS] += 1
            elif param == 15:
                s[ST_COLLECT_15] += 1
            elif param == 31:
                s[ST_TILE_COINS] += 1
        elif kind == EV_JUMP:
            s[ST_JUMPS] += 1
            f[ST_XJUMP_START] = f[e + E_X]
            s[ST_AIR_START] = s[e + E_TIME]
        elif kind == EV_LAND:
            dist = abs(f[e + E_X] - f[ST_XJUMP_START])
            if dist > f[ST_XJUMP_BEST]:
                f[ST_XJUMP_BEST] = dist
            air = s[e + E_TIME] - s[ST_AIR_START]
            if air > s[ST_AIR_BEST]:
                s[ST_AIR_BEST] = air


@njit
def step(s, lvl, actions):
    """One game-loop iteration: the world update, then the event fold; returns the kind."""
    kind = world_update(s, lvl, actions)
    accumulate_events(s)
    return kind


@njit
def run_actions(s, lvl, actions):
    """Step through a whole array of packed actions, stopping when the game ends."""
    n = 0
    for i in range(actions.shape[0]):
        if s[W_STATUS] != STATUS_RUNNING:
            break
        step(s, lvl, actions[i])
        n += 1
    return n
