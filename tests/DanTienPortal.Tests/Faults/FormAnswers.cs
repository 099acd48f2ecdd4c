using DanTienPortal.Tests.Feedback;
using Microsoft.AspNetCore.WebUtilities;

namespace DanTienPortal.Tests.Faults;

/// <summary>How a citizen reads the portal's answer to the form: a receipt, or the form handed back.</summary>
public static class FormAnswers
{
    /// <summary>The code of the receipt a redirect leads to, or null when it leads anywhere else.</summary>
    public static string? ReceiptCode(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        if (!location.StartsWith(FeedbackClient.TrackPath + "?", StringComparison.Ordinal))
        {
            return null;
        }

        var query = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost"), location).Query);
        return query["moi"] == "1" && query["ma"].ToString() is { Length: > 0 } code ? code : null;
    }

    /// <summary>The page says the form was not stored, and every typed value is still in it.</summary>
    public static bool KeepsForm(AngleSharp.Dom.IDocument page, SentSubmission sent) =>
        page.QuerySelector(".error-summary")?.TextContent.Contains("chưa lưu được phản ánh", StringComparison.Ordinal) == true
        && page.QuerySelector("#title")?.GetAttribute("value") == sent.Title
        && page.QuerySelector("#content")?.TextContent == sent.Content
        && page.QuerySelector("#phone")?.GetAttribute("value") == sent.Phone
        && (page.QuerySelector("#email")?.GetAttribute("value") ?? "") == (sent.Email ?? "");

    /// <summary>The form on a page, ready to send again: its antiforgery token and its ticket.</summary>
    public static FormPage? FormOf(AngleSharp.Dom.IDocument page) =>
        page.QuerySelector($"form input[name={FeedbackClient.TokenField}]")?.GetAttribute("value") is { } token
        && page.QuerySelector("form input[name=Ticket]")?.GetAttribute("value") is { } ticket
            ? new FormPage(token, ticket, page)
            : null;
}
