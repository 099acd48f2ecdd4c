namespace DanTienPortal.Web.Feedback;

/// <summary>The requests limited per client: sending the feedback form, and looking a case up.</summary>
public static class LimitedActions
{
    public const string Submit = "submit";
    public const string Lookup = "lookup";

    /// <summary>The longest action name, as stored in <c>rate_limit_windows</c>.</summary>
    public const int MaxLength = 10;

    /// <summary>Which limited action a request is, or null for one that is not limited (reading pages, the empty forms).</summary>
    public static string? Of(HttpRequest request) => request.Path.Value switch
    {
        "/phan-anh-kien-nghi/gui" when HttpMethods.IsPost(request.Method) => Submit,
        "/phan-anh-kien-nghi/tra-cuu" when HttpMethods.IsPost(request.Method) || request.Query.ContainsKey("ma") => Lookup,
        _ => null,
    };
}
