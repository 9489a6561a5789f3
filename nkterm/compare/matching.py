"""Maximum-weight bipartite matching: which units of A pair with which of B. Pure: imports
nothing from nkterm.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable


def max_weight_matching(
    n_left: int, n_right: int, edges: Iterable[tuple[int, int, float]]
) -> list[tuple[int, int]]:
    """A maximum-weight matching of a bipartite graph (of any size, not necessarily maximum).

    Successive shortest augmenting paths with Dijkstra and Johnson potentials, i.e. the
    Hungarian method run on a sparse graph: after k augmentations the matching is a heaviest
    one of size k, and the gain of a further augmentation never increases, so stopping at the
    first path that gains nothing leaves a heaviest matching overall. O(k·E·log V) in each
    connected component, which is solved on its own (of equally heavy matchings, the one
    chosen may differ from a search over the whole graph).
    Edges of weight <= 0 are ignored; of repeated (left, right) edges the heaviest counts.
    Returns (left, right) pairs sorted by left.
    """
    best: dict[tuple[int, int], float] = {}
    for i, j, w in edges:
        if w > 0 and w > best.get((i, j), 0.0):
            best[(i, j)] = w
    # a matching is the union of matchings of the graph's connected components: each is solved
    # on its own (most components of an alignment are one edge, which is its own answer; a
    # search over the whole graph for each of k paths costs k times the graph)
    out: list[tuple[int, int]] = []
    for component in _components(best):
        if len(component) == 1:
            out.append(next(iter(component)))
        else:
            out.extend(_heaviest(component))
    out.sort()
    return out


def _components(best: dict[tuple[int, int], float]) -> list[dict[tuple[int, int], float]]:
    """The edges of each connected component (union-find over left i and right j)."""
    parent: dict[tuple[int, int], tuple[int, int]] = {}

    def root(v: tuple[int, int]) -> tuple[int, int]:
        while (p := parent.setdefault(v, v)) != v:
            parent[v] = parent.setdefault(p, p)
            v = p
        return v

    for i, j in best:
        a, b = root((0, i)), root((1, j))
        if a != b:
            parent[b] = a
    groups: dict[tuple[int, int], dict[tuple[int, int], float]] = {}
    for (i, j), w in best.items():
        groups.setdefault(root((0, i)), {})[(i, j)] = w
    return list(groups.values())


def _heaviest(best: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """A maximum-weight matching of one component's positive edges (successive shortest paths)."""
    # vertices without an edge take no part: number the others in the same order (so that ties
    # break as before) and map back at the end; every pass is then over the graph's own vertices
    lefts = sorted({i for i, _j in best})
    rights = sorted({j for _i, j in best})
    left_at = {i: k for k, i in enumerate(lefts)}
    right_at = {j: k for k, j in enumerate(rights)}
    n_left, n_right = len(lefts), len(rights)
    adj: list[list[tuple[int, float]]] = [[] for _ in range(n_left)]
    for (i, j), w in sorted(best.items()):
        adj[left_at[i]].append((right_at[j], -w))  # the cost of edge i -> j; matching minimises total cost
    match_l = [-1] * n_left
    match_r = [-1] * n_right
    matched_cost = [0.0] * n_left
    # potentials make every residual edge's reduced cost c + pot[u] - pot[v] non-negative; the
    # initial residual graph is a DAG, so its shortest distances are: left 0, right min cost
    pot_l = [0.0] * n_left
    pot_r = [0.0] * n_right
    for i in range(n_left):
        for j, c in adj[i]:
            pot_r[j] = min(pot_r[j], c)
    inf = math.inf
    eps = 1e-12
    while True:
        dist_l = [inf] * n_left
        dist_r = [inf] * n_right
        prev_r = [-1] * n_right
        heap: list[tuple[float, int, int]] = []  # (distance, 0 left / 1 right, vertex)
        for i in range(n_left):
            if match_l[i] == -1 and adj[i]:  # free left vertices hang off the source at cost 0
                dist_l[i] = 0.0
                heap.append((0.0, 0, i))
        heapq.heapify(heap)
        end, end_cost = -1, inf
        while heap:
            d, side, v = heapq.heappop(heap)
            if side == 0:
                if d > dist_l[v]:
                    continue
                for j, c in adj[v]:
                    if match_l[v] == j:
                        continue  # a matched edge only runs right -> left in the residual graph
                    nd = d + c + pot_l[v] - pot_r[j]
                    if nd < dist_r[j] - eps:
                        dist_r[j], prev_r[j] = nd, v
                        heapq.heappush(heap, (nd, 1, j))
            else:
                if d > dist_r[v]:
                    continue
                i = match_r[v]
                if i == -1:
                    # a free right vertex reaches the sink; a path's true cost is its reduced
                    # length plus the potential of its end (the source's potential stays 0)
                    if d + pot_r[v] < end_cost - eps:
                        end, end_cost = v, d + pot_r[v]
                    continue
                nd = d - matched_cost[i] + pot_r[v] - pot_l[i]
                if nd < dist_l[i] - eps:
                    dist_l[i] = nd
                    heapq.heappush(heap, (nd, 0, i))
        if end == -1 or end_cost >= -eps:
            break  # no augmenting path gains weight any more
        # add distances to potentials (unreached vertices: the largest distance, which keeps
        # the reduced costs of edges into the reached part non-negative)
        cap = max([d for d in dist_l if d < inf] + [d for d in dist_r if d < inf])
        pot_l = [p + (cap if cap < d else d) for p, d in zip(pot_l, dist_l, strict=True)]  # min(d, cap)
        pot_r = [p + (cap if cap < d else d) for p, d in zip(pot_r, dist_r, strict=True)]
        j = end
        while j != -1:
            i = prev_r[j]
            previous = match_l[i]
            match_l[i], match_r[j] = j, i
            matched_cost[i] = next(c for jj, c in adj[i] if jj == j)
            j = previous
    return [(lefts[i], rights[match_l[i]]) for i in range(n_left) if match_l[i] != -1]
