using System.Globalization;

namespace DanTienPortal.Web.Content;

/// <summary>Everything loaded from <c>content/</c> at one moment: immutable, swapped whole on reload.</summary>
public sealed class ContentSnapshot
{
    public static readonly StringComparer VietnameseOrder = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    public ContentSnapshot(
        IEnumerable<Field> fields,
        IEnumerable<Agency> agencies,
        IEnumerable<Procedure> procedures,
        IEnumerable<ContentPage> pages,
        IEnumerable<NewsArticle> news,
        Plan? plan,
        IReadOnlyList<ContentProblem> problems,
        DateTimeOffset loadedAt,
        SearchSettings? search = null,
        FeedbackSettings? feedback = null)
    {
        Search = search ?? SearchSettings.None;
        Feedback = feedback ?? FeedbackSettings.None;
        Fields = fields.OrderBy(f => f.Order).ToList();
        FieldsByKey = Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        Agencies = agencies.OrderBy(a => a.Order).ThenBy(a => a.Name, VietnameseOrder).ToList();
        AgenciesBySlug = Agencies.ToDictionary(a => a.Slug, StringComparer.Ordinal);
        Procedures = procedures
            .OrderBy(p => FieldsByKey.TryGetValue(p.FieldKey, out var f) ? f.Order : int.MaxValue)
            .ThenBy(p => p.Title, VietnameseOrder)
            .ToList();
        ProceduresBySlug = Procedures.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        Pages = pages.OrderBy(p => p.Slug, StringComparer.Ordinal).ToList();
        PagesBySlug = Pages.ToDictionary(p => p.Slug, StringComparer.Ordinal);
        News = news.OrderByDescending(n => n.Published).ThenBy(n => n.Title, VietnameseOrder).ToList();
        NewsBySlug = News.ToDictionary(n => n.Slug, StringComparer.Ordinal);
        Plan = plan;
        Problems = problems;
        LoadedAt = loadedAt;
    }

    public IReadOnlyList<Field> Fields { get; }

    public IReadOnlyDictionary<string, Field> FieldsByKey { get; }

    public IReadOnlyList<Agency> Agencies { get; }

    public IReadOnlyDictionary<string, Agency> AgenciesBySlug { get; }

    /// <summary>Procedures in catalogue order: by field, then by title.</summary>
    public IReadOnlyList<Procedure> Procedures { get; }

    public IReadOnlyDictionary<string, Procedure> ProceduresBySlug { get; }

    public IReadOnlyList<ContentPage> Pages { get; }

    public IReadOnlyDictionary<string, ContentPage> PagesBySlug { get; }

    /// <summary>News from files, newest first.</summary>
    public IReadOnlyList<NewsArticle> News { get; }

    public IReadOnlyDictionary<string, NewsArticle> NewsBySlug { get; }

    public Plan? Plan { get; }

    public SearchSettings Search { get; }

    /// <summary>Feedback topics and their departments, hamlets, and the working-day calendar.</summary>
    public FeedbackSettings Feedback { get; }

    public IReadOnlyList<ContentProblem> Problems { get; }

    public DateTimeOffset LoadedAt { get; }

    public IEnumerable<Procedure> ProceduresOf(string agencySlug) => Procedures.Where(p => p.AgencySlug == agencySlug);

    /// <summary>Plan tasks that the agency leads or takes part in.</summary>
    public IEnumerable<PlanTask> TasksOf(string agencySlug) =>
        Plan?.Tasks.Where(t => t.LeadSlug == agencySlug || t.PartnerAgencies.Contains(agencySlug)) ?? [];

    /// <summary>The most-used procedures, as ranked by their <c>popular</c> value.</summary>
    public IEnumerable<Procedure> Popular => Procedures.Where(p => p.Popular is not null).OrderBy(p => p.Popular);

    public string FieldName(string key) => FieldsByKey.TryGetValue(key, out var field) ? field.Name : key;
}
