"""A seeded force-directed layout in pure Python, for views too big for physics.

vis-network's physics costs a browser about 14 s to settle 300 nodes and 54 s
for 1,000 (see the project's stack measurements), so above
:data:`PHYSICS_MAX` nodes ``dckg viz`` places the nodes itself and turns
physics off.  networkx's layouts need numpy, which is not a dependency; this
is the grid variant of Fruchterman and Reingold (1991): springs along edges,
repulsion only between nodes closer than twice the ideal edge length (found
through a grid of cells, so an iteration costs O(nodes + edges)), a weak pull
to the centre that keeps components together, and a temperature that cools
linearly.  A spring is weakened by the degree of its busier end (as
ForceAtlas2's "dissuade hubs"): otherwise the hundreds of paragraphs of a
hub (a resolution, Member States) are pulled into one unreadable lump.
Everything runs in a fixed order from a seeded random start, so the same
graph gives the same picture.

>>> nodes, edges = ["a", "b", "c"], [("a", "b"), ("b", "c")]
>>> pos = spring_layout(nodes, edges, seed=1)
>>> sorted(pos) == nodes and pos == spring_layout(nodes, edges, seed=1)
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Sequence
from typing import TypeVar

__all__ = ["PHYSICS_MAX", "spring_layout"]

#: Largest view drawn with vis-network's physics; bigger ones get Python positions.
PHYSICS_MAX = 300

N = TypeVar("N", bound=Hashable)

_OFFSETS = ((1, -1), (1, 0), (1, 1), (0, 1))  # neighbour cells visited once per pair


def _iterations(n: int) -> int:
    """Fewer rounds for big graphs: the grid keeps each round linear, not free."""
    if n <= 1000:
        return 80
    if n <= 3000:
        return 50
    return 35


def spring_layout(
    nodes: Sequence[N],
    edges: Iterable[tuple[N, N]],
    *,
    seed: int = 1,
    iterations: int | None = None,
    scale: float = 60.0,
    gravity: float = 0.02,
) -> dict[N, tuple[float, float]]:
    """Positions (in whole pixels) for ``nodes``; edges between them pull.

    ``scale`` is the ideal edge length in pixels.  Parallel edges and loops
    count once; edges naming unknown nodes are ignored.
    """
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    pairs = sorted(
        {
            (min(index[a], index[b]), max(index[a], index[b]))
            for a, b in edges
            if a in index and b in index and a != b
        }
    )
    degree = [0] * n
    for i, j in pairs:
        degree[i] += 1
        degree[j] += 1
    weights = [1.0 / max(degree[i], degree[j]) for i, j in pairs]
    rng = random.Random(seed)
    side = math.sqrt(n)
    xs = [rng.uniform(-side / 2, side / 2) for _ in range(n)]
    ys = [rng.uniform(-side / 2, side / 2) for _ in range(n)]
    rounds = iterations if iterations is not None else _iterations(n)
    t0 = side / 8 + 0.5
    k2 = 1.0  # ideal distance k = 1; forces use k squared
    cutoff2 = 4.0  # repulsion only within 2k
    for r in range(rounds):
        temp = t0 * (1 - r / rounds) + 0.01
        dx = [0.0] * n
        dy = [0.0] * n
        # repulsion within neighbouring grid cells of side 2k
        cells: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            cells.setdefault((math.floor(xs[i] / 2), math.floor(ys[i] / 2)), []).append(i)
        for (cx, cy), members in cells.items():
            others = [members]
            others += [cells[c] for c in ((cx + ox, cy + oy) for ox, oy in _OFFSETS) if c in cells]
            for a_pos, i in enumerate(members):
                xi, yi = xs[i], ys[i]
                fx = fy = 0.0
                for group_no, group in enumerate(others):
                    for j in group[a_pos + 1 :] if group_no == 0 else group:
                        ddx, ddy = xi - xs[j], yi - ys[j]
                        d2 = ddx * ddx + ddy * ddy
                        if d2 >= cutoff2:
                            continue
                        if d2 < 1e-9:  # same spot: push apart along a fixed direction
                            ddx, ddy, d2 = 0.01 * ((i - j) % 7 + 1), 0.01, 1e-4
                        f = k2 / d2  # (k^2 / d) along the unit vector (ddx, ddy) / d
                        fx += ddx * f
                        fy += ddy * f
                        dx[j] -= ddx * f
                        dy[j] -= ddy * f
                dx[i] += fx
                dy[i] += fy
        # springs: d^2 / k along the edge, weakened at hubs (see the module docstring)
        for (i, j), w in zip(pairs, weights, strict=True):
            ddx, ddy = xs[i] - xs[j], ys[i] - ys[j]
            d = math.sqrt(ddx * ddx + ddy * ddy) * w
            dx[i] -= ddx * d
            dy[i] -= ddy * d
            dx[j] += ddx * d
            dy[j] += ddy * d
        for i in range(n):
            gx, gy = dx[i] - gravity * xs[i], dy[i] - gravity * ys[i]
            length = math.sqrt(gx * gx + gy * gy)
            if length > 0:
                step = min(length, temp) / length
                xs[i] += gx * step
                ys[i] += gy * step
    return {n: (float(round(xs[i] * scale)), float(round(ys[i] * scale))) for n, i in index.items()}
