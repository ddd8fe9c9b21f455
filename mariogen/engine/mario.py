"""Mario's update (ENGINE_SPEC §8.2-§8.7), compiled."""

from __future__ import annotations

import numpy as np

from mariogen.engine.core import (
    BTN_DOWN,
    BTN_JUMP,
    BTN_LEFT,
    BTN_RIGHT,
    BTN_SPEED,
    EV_JUMP,
    EV_LAND,
    F0,
    F2,
    F3,
    F4,
    F_DAMP_X,
    F_DAMP_Y,
    F_DEAD_ZONE,
    F_JUMP_SPEED,
    F_RUN,
    F_WALK,
    add_event,
    pressed,
    win,
)
from mariogen.engine.layout import (
    K_ALIVE,
    K_FACING,
    K_H,
    K_ON_GROUND,
    K_W,
    K_X,
    K_XA,
    K_Y,
    K_YA,
    M_CAN_SHOOT,
    M_DUCKING,
    M_FIRE,
    M_INVULNERABLE,
    M_JUMP_TIME,
    M_LARGE,
    M_MAY_JUMP,
    M_WAS_ON_GROUND,
    M_XJUMP_SPEED,
    M_XJUMP_START,
    M_YJUMP_SPEED,
    MARIO,
    W_EXIT_X,
    W_FIREBALLS,
)
from mariogen.engine.physics import move, probe
from mariogen.engine.sprites import add_fireball
from mariogen.jit import njit

F_NO_JUMP = np.float32(-100.0)
M = MARIO


@njit
def _take_off(s, f):
    """Start a jump; the probes above the head may bump a block and suppress JUMP (§8.3)."""
    f[M + M_XJUMP_SPEED] = F0
    f[M + M_YJUMP_SPEED] = F_JUMP_SPEED
    s[M + M_JUMP_TIME] = 7
    f[M + K_YA] = np.float32(7) * F_JUMP_SPEED
    s[M + K_ON_GROUND] = 0
    x = f[M + K_X]
    w = np.float32(s[M + K_W])
    head = f[M + K_Y] - F4 - np.float32(s[M + K_H])
    up = -F4
    blocked = (
        probe(s, f, M, x, head, F0, up)
        or probe(s, f, M, x - w, head, F0, up)
        or probe(s, f, M, x + w, head, F0, up)
    )
    if not blocked:
        f[M + M_XJUMP_START] = f[M + K_X]
        add_event(s, f, EV_JUMP, 0)


@njit
def _jump_logic(s, f):
    if not pressed(s, BTN_JUMP):
        s[M + M_JUMP_TIME] = 0
    elif s[M + K_ON_GROUND] and s[M + M_MAY_JUMP]:
        _take_off(s, f)
    elif s[M + M_JUMP_TIME] > 0:
        f[M + K_XA] = f[M + K_XA] + f[M + M_XJUMP_SPEED]
        f[M + K_YA] = np.float32(s[M + M_JUMP_TIME]) * f[M + M_YJUMP_SPEED]
        s[M + M_JUMP_TIME] -= 1


@njit
def _steer(s, f, speed):
    """LEFT/RIGHT input, then a fireball if one may be thrown (§8.2 steps 8-11)."""
    if pressed(s, BTN_LEFT) and not s[M + M_DUCKING]:
        s[M + K_FACING] = -1
        f[M + K_XA] = f[M + K_XA] - speed
    if pressed(s, BTN_RIGHT) and not s[M + M_DUCKING]:
        s[M + K_FACING] = 1
        f[M + K_XA] = f[M + K_XA] + speed
    shoot = pressed(s, BTN_SPEED)
    if shoot and s[M + M_CAN_SHOOT] and s[M + M_FIRE] and s[W_FIREBALLS] < 2:
        facing = s[M + K_FACING]
        x = f[M + K_X] + np.float32(6 * facing)
        add_fireball(s, f, x, f[M + K_Y] - np.float32(20), facing)
    s[M + M_CAN_SHOOT] = 0 if shoot else 1


@njit
def update_mario(s, f):
    """One tick of Mario, with the buttons stored in his record."""
    if not s[M + K_ALIVE]:
        return
    if s[M + M_INVULNERABLE] > 0:
        s[M + M_INVULNERABLE] -= 1
    was_on_ground = s[M + K_ON_GROUND]
    s[M + M_WAS_ON_GROUND] = was_on_ground
    speed = F_RUN if pressed(s, BTN_SPEED) else F_WALK
    if s[M + K_ON_GROUND]:
        s[M + M_DUCKING] = 1 if (pressed(s, BTN_DOWN) and s[M + M_LARGE]) else 0
    s[M + K_H] = 12 if (s[M + M_DUCKING] or not s[M + M_LARGE]) else 24
    if f[M + K_XA] > F2:
        s[M + K_FACING] = 1
    if f[M + K_XA] < -F2:
        s[M + K_FACING] = -1
    _jump_logic(s, f)
    _steer(s, f, speed)
    s[M + M_MAY_JUMP] = 1 if (s[M + K_ON_GROUND] and not pressed(s, BTN_JUMP)) else 0
    if abs(f[M + K_XA]) < F_DEAD_ZONE:
        f[M + K_XA] = F0
    s[M + K_ON_GROUND] = 0
    move(s, f, M, f[M + K_XA], F0)
    move(s, f, M, F0, f[M + K_YA])
    if not was_on_ground and s[M + K_ON_GROUND] and f[M + M_XJUMP_START] >= F0:
        add_event(s, f, EV_LAND, 0)
        f[M + M_XJUMP_START] = F_NO_JUMP
    if f[M + K_X] < F0:
        f[M + K_X] = F0
        f[M + K_XA] = F0
    exit_x = np.float32(16 * s[W_EXIT_X])
    if f[M + K_X] > exit_x:
        f[M + K_X] = exit_x
        f[M + K_XA] = F0
        win(s, f)
    f[M + K_YA] = f[M + K_YA] * F_DAMP_Y
    f[M + K_XA] = f[M + K_XA] * F_DAMP_X
    if not s[M + K_ON_GROUND]:
        f[M + K_YA] = f[M + K_YA] + F3
