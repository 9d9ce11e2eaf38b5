"""Which commitments and principles are invoked, by whom, and in what tone toward the actors named with them.

A commitment (the Istanbul Charter, the Minsk agreements) is rarely the object of praise or blame itself:
it is invoked to judge an actor ("the West must fulfil its obligations under Istanbul and Astana"). So next to
counting invocations, :func:`commitment_actor_sentiment` reports the sentiment toward each actor in the
sentences that invoke each commitment.
"""

from __future__ import annotations

import pandas as pd

COMMITMENT_TYPES = ("commitment", "principle")
ACTOR_TYPES = ("state", "organisation", "person")
_KEYS = ["doc_id", "sent_id"]


def commitments_invoked(mentions: pd.DataFrame, articles: pd.DataFrame, by: str | list[str] = "source") -> pd.DataFrame:
    """Sentences and articles invoking each commitment or principle, per ``by`` column(s) of the articles.

    Returns
    -------
    DataFrame
        commitment, type, the ``by`` columns, sentences, articles (each counted once however often the
        commitment is named in it), sorted by sentences.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": [0, 0, 3], "target": ["Istanbul Charter"] * 2 + ["NATO"],
    ...                   "type": ["commitment", "commitment", "organisation"]})
    >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "source": ["kremlin", "news"]})
    >>> commitments_invoked(m, arts).values.tolist()
    [['Istanbul Charter', 'commitment', 'kremlin', 1, 1]]
    """
    by = [by] if isinstance(by, str) else list(by)
    invoked = mentions[mentions["type"].isin(COMMITMENT_TYPES)][[*_KEYS, "target", "type"]].drop_duplicates()
    joined = invoked.merge(articles[["doc_id", *by]], on="doc_id", how="left")
    for column in by:
        joined[column] = joined[column].astype("string").fillna("(unknown)")
    out = (joined.groupby(["target", "type", *by], observed=True)
           .agg(sentences=("sent_id", "size"), articles=("doc_id", "nunique")).reset_index()
           .rename(columns={"target": "commitment"}))
    return out.sort_values(["sentences", "commitment"], ascending=[False, True], kind="stable").reset_index(drop=True)


def commitment_actor_sentiment(mentions: pd.DataFrame, scores: pd.DataFrame, *, min_n: int = 1) -> pd.DataFrame:
    """Mean sentiment toward each actor in the sentences that invoke each commitment.

    Returns
    -------
    DataFrame
        commitment, actor, n (scored actor mentions in invoking sentences), mean_score, share_negative,
        share_positive; rows with fewer than ``min_n`` mentions are left out.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0] * 3, "type": ["commitment", "state", "organisation"],
    ...                   "target": ["Minsk agreements", "Ukraine", "OSCE"]})
    >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 0], "target": ["Ukraine", "OSCE"],
    ...                   "type": ["state", "organisation"], "label": ["negative", "neutral"], "score": [-0.8, 0.0]})
    >>> commitment_actor_sentiment(m, s)[["commitment", "actor", "n", "mean_score"]].values.tolist()
    [['Minsk agreements', 'OSCE', 1, 0.0], ['Minsk agreements', 'Ukraine', 1, -0.8]]
    """
    invoked = mentions[mentions["type"].isin(COMMITMENT_TYPES)][[*_KEYS, "target"]].drop_duplicates()
    invoked = invoked.rename(columns={"target": "commitment"})
    actors = scores[scores["type"].isin(ACTOR_TYPES)][[*_KEYS, "target", "label", "score"]]
    joined = invoked.merge(actors, on=_KEYS).rename(columns={"target": "actor"})
    columns = ["commitment", "actor", "n", "mean_score", "share_negative", "share_positive"]
    if joined.empty:
        return pd.DataFrame(columns=columns)
    out = joined.groupby(["commitment", "actor"]).agg(
        n=("score", "size"), mean_score=("score", "mean"),
        share_negative=("label", lambda s: (s == "negative").mean()),
        share_positive=("label", lambda s: (s == "positive").mean()),
    ).reset_index()
    return out[out["n"] >= min_n][columns].sort_values(["commitment", "actor"], kind="stable").reset_index(drop=True)
