from byline.cli import main

raise SystemExit(main())
