"""Tests of mariogen.cli."""
