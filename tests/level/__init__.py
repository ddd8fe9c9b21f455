"""Tests of mariogen.level."""
