using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DanTienPortal.Web.News;

/// <summary>
/// Answers 413 (the Vietnamese "too large" page) when the browser announces a larger body than the
/// page accepts. It runs with the authorization filters, before the antiforgery check, which would
/// otherwise fail halfway through reading the form and answer a vaguer 400.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ContentLengthLimitAttribute(long maxBytes) : Attribute, IAuthorizationFilter
{
    public long MaxBytes { get; } = maxBytes;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (context.HttpContext.Request.ContentLength > MaxBytes)
        {
            context.HttpContext.Response.Headers.Connection = "close";
            context.Result = new StatusCodeResult(StatusCodes.Status413PayloadTooLarge);
        }
    }
}
