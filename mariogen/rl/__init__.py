"""Reinforcement-learning personas: ``mariogen train`` (PPO of stable-baselines3) and export.

Only :mod:`mariogen.rl.train` and :mod:`mariogen.rl.export` need the optional ``rl`` extra
(stable-baselines3 and torch); the levels, environment and seeds here are plain mariogen.
Playing a trained policy needs none of this: see :mod:`mariogen.agents.policy`.
"""
