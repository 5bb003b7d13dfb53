"""The threaded rasterio peer of the benchmark (docs/benchmarks.md, run by axion-bench; Debian's python3-rasterio).

What a competent user writes instead of axion-tiles: for each row, the seven window reads (Sentinel-2 B02, B03, B04,
B08, SCL; Sentinel-1 vv, vh) of the row's AOI, one thread per asset (7 threads), rows one after another. No search, no
scene selection, no masking, no writing: the signed asset URLs and the AOI come from the input file. The GDAL settings
are the environment the benchmark starts this process with (axion-tiles' GdalCloudConfig table), so both read with
the same tuned GDAL.

Usage: /usr/bin/python3 bench/peers/rasterio_peer.py ROWS.json
  ROWS.json: {"rows": [{"id": "bench-000", "epsg": 32633, "bounds": [min_x, min_y, max_x, max_y],
                        "hrefs": ["https://...B02.tif?<token>", ... 7 signed hrefs]}, ...]}
Prints one JSON line per row on stdout:
  {"id": ..., "seconds": wall seconds of the row's 7 reads, "cpu_seconds": process CPU seconds during them,
   "pixels": pixels read}
and exits 1 naming the row and asset when a read fails.
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import rasterio
from rasterio.warp import transform_bounds
from rasterio.windows import from_bounds

THREADS = 7


def read_window(href, epsg, bounds):
    """Reads band 1 of the AOI window of one asset; returns the number of pixels read."""
    with rasterio.open("/vsicurl/" + href) as src:
        if src.crs.to_epsg() != epsg:
            bounds = transform_bounds(f"EPSG:{epsg}", src.crs, *bounds)
        window = from_bounds(*bounds, transform=src.transform).round_offsets().round_lengths()
        return src.read(1, window=window).size


def main(path):
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)["rows"]
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        for row in rows:
            wall, cpu = time.perf_counter(), time.process_time()
            futures = [(href, pool.submit(read_window, href, row["epsg"], row["bounds"])) for href in row["hrefs"]]
            pixels = 0
            for href, future in futures:
                try:
                    pixels += future.result()
                except Exception as error:  # noqa: BLE001 - any failure ends the peer, naming the row and asset
                    asset = href.split("?", 1)[0].rsplit("/", 1)[-1]
                    print(f"rasterio peer: row {row['id']}, asset {asset}: {error}", file=sys.stderr)
                    return 1
            print(json.dumps({
                "id": row["id"],
                "seconds": time.perf_counter() - wall,
                "cpu_seconds": time.process_time() - cpu,
                "pixels": pixels,
            }), flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
