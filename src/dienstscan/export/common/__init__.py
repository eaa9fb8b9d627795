"""What more than one output uses: cell text cleaning and row fitting (``layout``), the wording
of sources (``sources``) and of progress since an earlier scan (``progress``)."""
