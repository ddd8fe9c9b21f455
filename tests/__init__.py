"""mariogen tests; sub-packages mirror the mariogen package."""
