"""Sparse building blocks of the Matcher's index: weighted TF-IDF fitting and row blocks.

Profiles repeat themselves: many people write the same headline ("sewing machine
operator") or list the same skills. The Matcher vectorises each distinct title and skill
list once (`fit_tfidf` counts every distinct document as often as it occurs, so the
document frequencies, and so the IDF, are those of the full corpus) and scores a query
against the distinct ones; each profile row then reads its title's and skills' scores.
"""

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.preprocessing import normalize

# The parts of a profile scored against a role, and their bits in a presence mask.
BLOCKS = ("title", "occupation", "group", "skills", "text")
TITLE, OCCUPATION, GROUP, SKILLS, TEXT = (1 << b for b in range(len(BLOCKS)))


def l2_rows(matrix: sp.spmatrix) -> sp.csr_matrix:
    """Scale each row to unit length (rows of zeros stay zero), as float32 CSR."""
    matrix = sp.csr_matrix(matrix, dtype=np.float32)
    if matrix.shape[0] == 0:
        return matrix
    return normalize(matrix, norm="l2", copy=False)


def fit_tfidf(
    documents: list[str], counts: np.ndarray | None = None, *, max_df: float = 1.0, **options
) -> tuple[TfidfVectorizer, sp.csr_matrix]:
    """Fit a sublinear, L2-normalised TfidfVectorizer on distinct documents.

    Parameters
    ----------
    documents : list of str
        Distinct documents.
    counts : ndarray of shape (len(documents),), optional
        How many profiles each document stands for (1 each by default). Document
        frequencies, ``max_df`` and ``max_features`` are computed as if every document
        occurred that many times.
    max_df : float
        Leave out terms found in more than this share of the (weighted) documents. When
        that would leave no term, every term is kept.
    **options
        Other TfidfVectorizer parameters (analyzer, ngram_range, max_features, ...).

    Returns
    -------
    vectorizer : TfidfVectorizer
        Fitted (its ``vocabulary_`` and ``idf_`` are set), usable with ``transform``.
    matrix : csr_matrix of shape (len(documents), n_terms)
        The documents' rows, identical to ``vectorizer.transform(documents)``.
    """
    counts = np.ones(len(documents)) if counts is None else np.asarray(counts, dtype=np.float64)
    max_features = options.pop("max_features", None)
    options.setdefault("dtype", np.float32)
    counter_options = {k: v for k, v in options.items() if k not in ("sublinear_tf", "dtype")}
    # A filler document with no weight keeps the vocabulary from being empty.
    counter = CountVectorizer(**counter_options, dtype=np.float32)
    raw = counter.fit_transform(list(documents) + ["work"])[:-1].tocsr()
    counts_by_term = raw.T @ counts
    present = raw.copy()
    present.data[:] = 1
    df = present.T @ counts
    n = float(counts.sum())
    keep = np.ones(raw.shape[1], dtype=bool)
    if max_df < 1.0 and n:
        keep = df <= max_df * n
        if not keep.any():
            keep[:] = True
    if max_features is not None and keep.sum() > max_features:
        candidates = np.flatnonzero(keep)
        best = candidates[np.argsort(-counts_by_term[candidates], kind="stable")[:max_features]]
        keep = np.zeros_like(keep)
        keep[best] = True
    columns = np.flatnonzero(keep)
    terms = counter.get_feature_names_out()[columns]
    vectorizer = TfidfVectorizer(
        vocabulary={term: n_ for n_, term in enumerate(terms)}, sublinear_tf=True, **options
    )
    idf = (np.log((1.0 + n) / (1.0 + df[columns])) + 1.0).astype(np.float64)
    vectorizer.idf_ = idf
    matrix = raw[:, columns].tocsr()
    matrix.data = (1.0 + np.log(matrix.data)).astype(np.float32)
    matrix = matrix @ sp.diags(idf.astype(np.float32))
    return vectorizer, l2_rows(matrix)


class Rows:
    """A sparse block that grows by rows and is scored by a query's columns.

    Rows live in a column-major base (fast to score: only the query's columns are
    read) and a short row-major tail of recently added rows, folded into the base by
    `compact`.

    Parameters
    ----------
    width : int
        Number of columns.
    """

    def __init__(self, width: int):
        self.width = width
        self.base = sp.csc_matrix((0, width), dtype=np.float32)
        self.tail = sp.csr_matrix((0, width), dtype=np.float32)

    def __len__(self) -> int:
        return self.base.shape[0] + self.tail.shape[0]

    @property
    def nbytes(self) -> int:
        return sum(
            m.data.nbytes + m.indices.nbytes + m.indptr.nbytes for m in (self.base, self.tail)
        )

    def append(self, rows: sp.spmatrix) -> None:
        """Add rows at the end (in the tail)."""
        rows = sp.csr_matrix(rows, dtype=np.float32)
        if rows.shape[0] == 0:
            return
        if self.tail.shape[0] == 0:
            self.tail = rows
        else:
            self.tail = sp.vstack([self.tail, rows], format="csr", dtype=np.float32)

    def compact(self, keep: np.ndarray | None = None) -> None:
        """Fold the tail into the base, keeping only the rows `keep` (all when None)."""
        if self.tail.shape[0] == 0 and keep is None:
            return
        merged = self.tail if self.base.shape[0] == 0 else sp.vstack([self.base.tocsr(), self.tail])
        self.base = self.tail = None  # let the old copies go before the new one
        merged = merged.tocsr()
        if keep is not None:
            merged = merged[keep]
        self.base = merged.tocsc()
        self.base.sort_indices()
        self.tail = sp.csr_matrix((0, self.width), dtype=np.float32)

    def score(self, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
        """Each row's dot product with the sparse query (columns, values), dense float32."""
        n_base = self.base.shape[0]
        if not len(columns):
            return np.zeros(n_base + self.tail.shape[0], dtype=np.float32)
        if n_base:
            base = _score_columns(self.base, columns, values)
            if not self.tail.shape[0]:
                return base
            scores = np.zeros(n_base + self.tail.shape[0], dtype=np.float32)
            scores[:n_base] = base
        else:
            scores = np.zeros(self.tail.shape[0], dtype=np.float32)
        if self.tail.shape[0]:
            scores[n_base:] = self.tail[:, columns] @ values
        return scores


def _score_columns(matrix: sp.csc_matrix, columns: np.ndarray, values: np.ndarray) -> np.ndarray:
    """``matrix[:, columns] @ values``; for few stored values, without scipy's overhead."""
    indptr = matrix.indptr
    starts = indptr[columns]
    lengths = indptr[columns + 1] - starts
    total = int(lengths.sum())
    if total > 20_000:
        return np.asarray(matrix[:, columns] @ values, dtype=np.float32)
    offsets = np.cumsum(lengths) - lengths
    positions = np.arange(total) + np.repeat(starts - offsets, lengths)
    weights = matrix.data[positions] * np.repeat(values, lengths)
    scores = np.bincount(matrix.indices[positions], weights=weights, minlength=matrix.shape[0])
    return scores.astype(np.float32)


def sparse_dot(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> float:
    """Dot product of two sparse vectors given as sorted (columns, values)."""
    _common, ia, ib = np.intersect1d(a[0], b[0], assume_unique=True, return_indices=True)
    return float(a[1][ia] @ b[1][ib]) if len(ia) else 0.0


def soft_vector(pairs: list[tuple[int, float]]) -> tuple[np.ndarray, np.ndarray]:
    """(columns, values) of a unit-length vector with the given weights."""
    if not pairs:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    pairs = sorted(pairs)
    columns = np.array([c for c, _w in pairs], dtype=np.int32)
    values = np.array([w for _c, w in pairs], dtype=np.float32)
    norm = float(np.sqrt(values @ values))
    return columns, values / norm if norm else values


def joined(a: tuple, b: tuple, share: float) -> tuple[np.ndarray, np.ndarray]:
    """The unit-length sum of unit vectors `a` and `share` times `b`, as (columns, values)."""
    if not len(b[0]):
        return a
    pairs: dict[int, float] = dict(zip(a[0].tolist(), a[1].tolist()))
    for column, value in zip(b[0].tolist(), b[1].tolist()):
        pairs[column] = pairs.get(column, 0.0) + share * value
    return soft_vector(list(pairs.items()))
