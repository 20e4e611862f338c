"""The vector generator and checker modules of each message family (issue 11), one pair per
family: `<family>.py` (generator side, called by generate.py) and `check_<family>.py`
(checker side, called by check.py)."""
