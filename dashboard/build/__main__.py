"""Command line: `python -m dashboard.build build-data` (`--if-changed`: only when the inputs
changed), `python -m dashboard.build stamp` and `python -m dashboard.build measures`."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path

from dashboard.config import AreaFileError, processed_dir, raw_dir


def _build(args: argparse.Namespace) -> int:
    if args.if_changed:
        from dashboard.build.stamp import input_stamp, stored_stamp

        out = (args.out or processed_dir()).resolve()
        if stored_stamp(out) == input_stamp(args.raw or raw_dir()):
            print(f"Store {out} is up to date (raw files and build code unchanged)",
                  file=sys.stderr)
            return 0
    from dashboard.build.pipeline import build

    manifest = build(raw=args.raw, out=args.out, log=lambda m: print(m, file=sys.stderr))
    tables = ", ".join(f"{k} {v:,}" for k, v in manifest["tables"].items())
    print(f"Built store {manifest['build_id']}: {tables}", file=sys.stderr)
    return 0


def _stamp(args: argparse.Namespace) -> int:
    from dashboard.build.stamp import input_stamp

    print(input_stamp(args.raw or raw_dir()))
    return 0


def _measures(args: argparse.Namespace) -> int:
    from dashboard.store import load_store

    measures = load_store(args.store).measures
    if args.measure:
        measures = measures[measures["measure_id"].isin(args.measure)]
    if args.format == "parquet":
        if not args.out:
            print("--format parquet needs --out FILE", file=sys.stderr)
            return 2
        measures.to_parquet(args.out, index=False)
    elif args.out:
        measures.to_csv(args.out, index=False)
    else:
        measures.to_csv(sys.stdout, index=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard.build", description="Staffordshire Education Insight data tools"
    )
    parser.add_argument("--debug", action="store_true", help="show a traceback on failure")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build-data", help="build the processed store from the raw files")
    build.add_argument(
        "--raw", type=Path, help="raw folder (default EDU_RAW_DIR or ../shared/data/raw)"
    )
    build.add_argument("--out", type=Path, help="store folder (default data/processed)")
    build.add_argument(
        "--if-changed",
        action="store_true",
        help="build only when a raw file or the build code changed since the store was built",
    )
    build.set_defaults(run=_build)
    stamp = sub.add_parser("stamp", help="print the stamp of the raw files and the build code")
    stamp.add_argument(
        "--raw", type=Path, help="raw folder (default EDU_RAW_DIR or ../shared/data/raw)"
    )
    stamp.set_defaults(run=_stamp)
    measures = sub.add_parser("measures", help="write the measures table")
    measures.add_argument("--format", choices=["csv", "parquet"], default="csv")
    measures.add_argument(
        "--out", type=Path, help="file to write (default standard output, CSV only)"
    )
    measures.add_argument("--store", type=Path, help="store folder (default data/processed)")
    measures.add_argument("--measure", action="append", help="only this measure_id (repeatable)")
    measures.set_defaults(run=_measures)
    args = parser.parse_args(argv)

    from dashboard.errors import BuildError
    from dashboard.store import StoreMissing

    try:
        return args.run(args)
    except (BuildError, AreaFileError, StoreMissing) as exc:
        if args.debug:
            traceback.print_exc()
        print(
            f"{'Build failed' if args.command == 'build-data' else 'Error'}: {exc}", file=sys.stderr
        )
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
