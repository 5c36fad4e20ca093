"""``python -m dify_oapi chat "question"``: the command line lives in ``dify_oapi.cli``."""

import sys

from dify_oapi.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
