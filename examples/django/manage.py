#!/usr/bin/env python
"""The demo merchant's manage.py (see README.md)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "merchant.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
