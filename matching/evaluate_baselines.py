"""The plain baselines every evaluation set measures the matcher against, in one place:
character n-gram TF-IDF, word TF-IDF and BM25 over the same text the matcher reads.

A profile reads as its headline (twice, as a title weighs more), experience and skills; a
role as its title, skills and description; both normalised as the matcher normalises text
(``matching.text.normalise``), so the baselines share the vocabulary's gains.

>>> docs = ["welder", "cook", "pastry cook"]
>>> [r.tolist() for r in rank("TF-IDF char 2-4", docs, ["cook"], depth=2)]
[[1, 2]]
"""

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from .text import normalise

WORDS = r"(?u)\b\w+\b"
# Queries scored at once: bounds the dense score block to CHUNK x documents.
CHUNK = 256


def _words(value) -> str:
    if not value:
        return ""
    return " ".join(str(v) for v in value) if isinstance(value, list | tuple) else str(value)


def profile_text(profile: Mapping) -> str:
    """What the baselines read of a candidate profile."""
    headline = _words(profile.get("headline"))
    parts = (headline, headline, _words(profile.get("experience")), _words(profile.get("skills")))
    return normalise(" ".join(p for p in parts if p))


def role_text(role: Mapping) -> str:
    """What the baselines read of a role."""
    fields = ("title", "required_skills", "preferred_skills", "description")
    return normalise(" ".join(_words(role.get(f)) for f in fields if role.get(f)))


def _tfidf(**options) -> Callable:
    def weigh(docs: Sequence[str], queries: Sequence[str]):
        vectorizer = TfidfVectorizer(sublinear_tf=True, **options)
        return vectorizer.fit_transform(docs), vectorizer.transform(queries)

    return weigh


def _bm25(docs: Sequence[str], queries: Sequence[str], k1: float = 1.2, b: float = 0.75):
    counter = CountVectorizer(token_pattern=WORDS)
    tf = counter.fit_transform(docs).tocsr().astype(np.float32)
    lengths = np.asarray(tf.sum(axis=1)).ravel()
    df = np.asarray((tf > 0).sum(axis=0)).ravel()
    n = tf.shape[0]
    idf = np.log1p((n - df + 0.5) / (df + 0.5)).astype(np.float32)
    norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1e-9))
    rows = np.repeat(np.arange(n), np.diff(tf.indptr))
    data = tf.data * (k1 + 1) / (tf.data + norm[rows]) * idf[tf.indices]
    found = counter.transform(queries).astype(np.float32)
    found.data[:] = 1
    return sp.csr_matrix((data, tf.indices, tf.indptr), shape=tf.shape), found


BASELINES: dict[str, Callable] = {
    "TF-IDF char 2-4": _tfidf(analyzer="char_wb", ngram_range=(2, 4)),
    "TF-IDF words": _tfidf(token_pattern=WORDS),
    "BM25": _bm25,
}


def rank(
    name: str,
    docs: Sequence[str],
    queries: Sequence[str],
    *,
    depth: int = 100,
    exclude: Sequence[int | None] | None = None,
) -> list[np.ndarray]:
    """Per query, the indices of the `depth` best documents by baseline `name`, best first
    (only documents that share something with the query).

    ``exclude[q]``, when given and not None, is a document index query `q` must not
    retrieve (itself, when the queries are drawn from the documents).
    """
    doc_matrix, query_matrix = BASELINES[name](docs, queries)
    doc_matrix = doc_matrix.T.tocsc()
    depth = min(depth, doc_matrix.shape[1])
    found = []
    for start in range(0, query_matrix.shape[0], CHUNK):
        scores = (query_matrix[start : start + CHUNK] @ doc_matrix).toarray()
        if exclude is not None:
            for offset, skip in enumerate(exclude[start : start + CHUNK]):
                if skip is not None:
                    scores[offset, skip] = -np.inf
        # A stable sort keeps ties in document order; documents sharing nothing with the
        # query are not retrieved at all (no credit for the order of zeros).
        top = np.argsort(-scores, axis=1, kind="stable")[:, :depth]
        found.extend(row[scores[n, row] > 0] for n, row in enumerate(top))
    return found
