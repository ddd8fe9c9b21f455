"""Tests of mariogen.render."""
