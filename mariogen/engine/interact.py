"""Sprite interactions: collisions with Mario, the shell pass and the fireball pass.

ENGINE_SPEC §8.8, §10 and §11, compiled.
"""

from __future__ import annotations

import numpy as np

from mariogen.engine.core import (
    EV_COLLECT,
    EV_FIRE_KILL,
    EV_HURT,
    EV_KICK,
    EV_SHELL_KILL,
    EV_STOMP_KILL,
    F0,
    F8,
    F16,
    F_JUMP_SPEED,
    T_BULLET_BILL,
    T_ENEMY_FLOWER,
    T_FIRE_FLOWER,
    T_LIFE_MUSHROOM,
    T_MUSHROOM,
    T_SHELL,
    T_SPIKY,
    T_SPIKY_WINGED,
    add_event,
    collect_coin,
    lose,
    remove_sprite,
)
from mariogen.engine.layout import (
    K_ALIVE,
    K_CODE,
    K_FACING,
    K_H,
    K_ON_GROUND,
    K_TYPE,
    K_WINGED,
    K_X,
    K_XA,
    K_Y,
    K_YA,
    L_FIREBALLS,
    L_LIST,
    L_SHELLS,
    M_FIRE,
    M_INVULNERABLE,
    M_JUMP_TIME,
    M_LARGE,
    M_WAS_ON_GROUND,
    M_XJUMP_SPEED,
    M_YJUMP_SPEED,
    MARIO,
    W_LIVES,
    W_NFIREBALL,
    W_NSHELL,
    W_NSPR,
    W_PAUSE,
)
from mariogen.engine.physics import move
from mariogen.engine.sprites import add_shell
from mariogen.jit import njit

F12 = np.float32(12.0)
F_MINUS5 = np.float32(-5.0)
POWERUP_PAUSE = 9
HURT_INVULNERABILITY = 32


# --- effects on Mario (§8.8) ---------------------------------------------------------------
@njit
def stomp(s, f, target):
    """Mario bounces off a stomped sprite, his feet moved to its mid-height."""
    if not s[MARIO + K_ALIVE]:
        return
    target_y = f[target + K_Y] - np.float32(s[target + K_H] // 2)
    move(s, f, MARIO, F0, target_y - f[MARIO + K_Y])
    f[MARIO + M_XJUMP_SPEED] = F0
    f[MARIO + M_YJUMP_SPEED] = F_JUMP_SPEED
    s[MARIO + M_JUMP_TIME] = 8
    f[MARIO + K_YA] = np.float32(8) * F_JUMP_SPEED
    s[MARIO + K_ON_GROUND] = 0
    s[MARIO + M_INVULNERABLE] = 1


@njit
def get_hurt(s, f):
    """Mario is hurt: he shrinks one level with a pause, or loses when small."""
    if s[MARIO + M_INVULNERABLE] > 0 or not s[MARIO + K_ALIVE]:
        return
    if s[MARIO + M_LARGE]:
        s[W_PAUSE] = POWERUP_PAUSE
        if s[MARIO + M_FIRE]:
            s[MARIO + M_FIRE] = 0
        else:
            s[MARIO + M_LARGE] = 0
        s[MARIO + M_INVULNERABLE] = HURT_INVULNERABILITY
    else:
        lose(s, f)


@njit
def get_mushroom(s):
    """A mushroom makes a small Mario large; otherwise it is worth a coin."""
    if not s[MARIO + K_ALIVE]:
        return
    if not s[MARIO + M_LARGE]:
        s[W_PAUSE] = POWERUP_PAUSE
        s[MARIO + M_LARGE] = 1
    else:
        collect_coin(s)


@njit
def get_flower(s):
    """A fire flower makes Mario fire Mario; a fire Mario gets a coin instead."""
    if not s[MARIO + K_ALIVE]:
        return
    if not s[MARIO + M_FIRE]:
        s[W_PAUSE] = POWERUP_PAUSE
        s[MARIO + M_FIRE] = 1
        s[MARIO + M_LARGE] = 1
    else:
        collect_coin(s)


@njit
def _stomp_condition(s, f, dy):
    if not (f[MARIO + K_YA] > F0 and dy <= F0):
        return False
    return not s[MARIO + K_ON_GROUND] or not s[MARIO + M_WAS_ON_GROUND]


# --- collide pass ------------------------------------------------------------------------------
@njit
def _collide_enemy(s, f, b):
    kind = s[b + K_TYPE]
    dx = f[MARIO + K_X] - f[b + K_X]
    dy = f[MARIO + K_Y] - f[b + K_Y]
    reach = np.float32(2 * 2 + 4) if kind == T_ENEMY_FLOWER else F12
    if not (-reach < dx < reach):
        return
    if not (-np.float32(s[b + K_H]) < dy < np.float32(s[MARIO + K_H])):
        return
    stompable = kind != T_SPIKY and kind != T_SPIKY_WINGED and kind != T_ENEMY_FLOWER
    if stompable and _stomp_condition(s, f, dy):
        stomp(s, f, b)
        if s[b + K_WINGED]:
            s[b + K_WINGED] = 0
            f[b + K_YA] = F0
            return
        if 4 <= kind <= 7:
            add_shell(s, f, f[b + K_X], f[b + K_Y], 1 if kind >= 6 else 0, s[b + K_CODE])
        add_event(s, f, EV_STOMP_KILL, kind)
        remove_sprite(s, b)
    else:
        add_event(s, f, EV_HURT, kind)
        get_hurt(s, f)


@njit
def _overlaps_mario(s, f, b):
    dx = f[MARIO + K_X] - f[b + K_X]
    dy = f[MARIO + K_Y] - f[b + K_Y]
    return -F16 < dx < F16 and -F12 < dy < np.float32(s[MARIO + K_H])


@njit
def _collide_shell(s, f, b):
    if not _overlaps_mario(s, f, b):
        return
    dy = f[MARIO + K_Y] - f[b + K_Y]
    if _stomp_condition(s, f, dy):
        stomp(s, f, b)
        if s[b + K_FACING] != 0:
            f[b + K_XA] = F0
            s[b + K_FACING] = 0
        else:
            s[b + K_FACING] = s[MARIO + K_FACING]
    elif s[b + K_FACING] != 0:
        add_event(s, f, EV_HURT, T_SHELL)
        get_hurt(s, f)
    else:
        add_event(s, f, EV_KICK, T_SHELL)
        if s[MARIO + K_ALIVE]:
            s[MARIO + M_INVULNERABLE] = 1
        s[b + K_FACING] = s[MARIO + K_FACING]


@njit
def _collide_bullet(s, f, b):
    if not _overlaps_mario(s, f, b):
        return
    dy = f[MARIO + K_Y] - f[b + K_Y]
    if _stomp_condition(s, f, dy):
        stomp(s, f, b)
        remove_sprite(s, b)
    else:
        add_event(s, f, EV_HURT, T_BULLET_BILL)
        get_hurt(s, f)


@njit
def _collide_item(s, f, b):
    if not _overlaps_mario(s, f, b):
        return
    kind = s[b + K_TYPE]
    add_event(s, f, EV_COLLECT, kind)
    if kind == T_MUSHROOM:
        get_mushroom(s)
    elif kind == T_FIRE_FLOWER:
        get_flower(s)
    elif s[MARIO + K_ALIVE]:
        s[W_LIVES] += 1
    remove_sprite(s, b)


@njit
def collide_with_mario(s, f, b):
    """One sprite's collision check against Mario in the collide pass."""
    kind = s[b + K_TYPE]
    if 2 <= kind <= 9 or kind == T_ENEMY_FLOWER:
        _collide_enemy(s, f, b)
    elif kind == T_SHELL:
        _collide_shell(s, f, b)
    elif kind == T_BULLET_BILL:
        _collide_bullet(s, f, b)
    elif kind == T_MUSHROOM or kind == T_LIFE_MUSHROOM or kind == T_FIRE_FLOWER:
        _collide_item(s, f, b)


# --- shell and fireball passes -----------------------------------------------------------------
@njit
def _shell_hits(s, f, shell, t):
    """Shell ``shell`` against sprite ``t`` (§10.5); returns False once the shell is gone."""
    dx = f[shell + K_X] - f[t + K_X]
    dy = f[shell + K_Y] - f[t + K_Y]
    if not (-F16 < dx < F16 and -np.float32(s[t + K_H]) < dy < F12):
        return True
    kind = s[t + K_TYPE]
    if 2 <= kind <= 9 or kind == T_ENEMY_FLOWER:
        f[t + K_XA] = np.float32(s[shell + K_FACING] * 2)
        f[t + K_YA] = F_MINUS5
        add_event(s, f, EV_SHELL_KILL, kind)
        remove_sprite(s, t)
    elif kind == T_BULLET_BILL:
        add_event(s, f, EV_SHELL_KILL, T_BULLET_BILL)
        remove_sprite(s, t)
    elif kind == T_SHELL:
        add_event(s, f, EV_SHELL_KILL, T_SHELL)
        remove_sprite(s, t)
        remove_sprite(s, shell)
        return False
    return True


@njit
def shell_pass(s, f):
    """Every shell that was moving this tick against every sprite in the list."""
    for i in range(s[W_NSHELL]):
        shell = s[L_SHELLS + i]
        for j in range(s[W_NSPR]):
            t = s[L_LIST + j]
            if t != shell and s[shell + K_ALIVE] and s[t + K_ALIVE]:
                if not _shell_hits(s, f, shell, t):
                    break
    s[W_NSHELL] = 0


@njit
def _fireball_hits(s, f, ball, t):
    """Fireball ``ball`` against sprite ``t`` (§10.6); the fireball may be removed."""
    dx = f[ball + K_X] - f[t + K_X]
    dy = f[ball + K_Y] - f[t + K_Y]
    if not (-F16 < dx < F16 and -np.float32(s[t + K_H]) < dy < F8):
        return
    kind = s[t + K_TYPE]
    if 2 <= kind <= 7 or kind == T_ENEMY_FLOWER:
        f[t + K_XA] = np.float32(s[ball + K_FACING] * 2)
        f[t + K_YA] = F_MINUS5
        add_event(s, f, EV_FIRE_KILL, kind)
        remove_sprite(s, t)
        remove_sprite(s, ball)
    elif kind == T_SPIKY or kind == T_SPIKY_WINGED or kind == T_BULLET_BILL:
        remove_sprite(s, ball)
    elif kind == T_SHELL:
        if s[t + K_FACING] == 0:
            f[t + K_XA] = np.float32(s[ball + K_FACING] * 2)
            f[t + K_YA] = F_MINUS5
            remove_sprite(s, t)
        remove_sprite(s, ball)


@njit
def fireball_pass(s, f):
    """Every fireball that updated this tick against every sprite in the list."""
    for i in range(s[W_NFIREBALL]):
        ball = s[L_FIREBALLS + i]
        for j in range(s[W_NSPR]):
            t = s[L_LIST + j]
            if t != ball and s[ball + K_ALIVE] and s[t + K_ALIVE]:
                _fireball_hits(s, f, ball, t)
    s[W_NFIREBALL] = 0
