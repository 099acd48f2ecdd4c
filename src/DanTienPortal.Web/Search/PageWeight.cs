namespace DanTienPortal.Web.Search;

/// <summary>
/// How much a match weighs for what kind of page it is (a procedure is what most people look
/// for) and, for news only, for how recent it is.
/// </summary>
public static class PageWeight
{
    public static float Of(SearchDocument document, int today) => document.Type switch
    {
        SearchTypes.Procedure => 1.0f,
        SearchTypes.Plan => 0.85f,
        SearchTypes.Page => 0.75f,
        _ => 0.8f * (document.Published is { } published ? Recency(today - (published.DayNumber - SearchIndex.Epoch.DayNumber)) : 1f),
    };

    /// <summary>News loses weight with age: half of what it loses by 90 days, never below 60%.</summary>
    public static float Recency(int ageDays) => 0.6f + (0.4f / (1f + (Math.Max(0, ageDays) / 90f)));
}
