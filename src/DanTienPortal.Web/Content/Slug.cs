using System.Text;
using DanTienPortal.Web.Search;

namespace DanTienPortal.Web.Content;

/// <summary>URL slugs and heading ids from Vietnamese text: "Thành phần hồ sơ" → "thanh-phan-ho-so".</summary>
public static class Slug
{
    /// <summary>Whether a text is already a slug: lower-case letters and digits, single dashes between.</summary>
    public static bool IsValid(string text) => text.Length > 0 && From(text) == text;

    public static string From(string text)
    {
        var folded = VietnameseText.Fold(text).ToLowerInvariant();
        var slug = new StringBuilder(folded.Length);
        var pendingDash = false;
        foreach (var c in folded)
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingDash && slug.Length > 0)
                {
                    slug.Append('-');
                }

                slug.Append(c);
                pendingDash = false;
            }
            else
            {
                pendingDash = true;
            }
        }

        return slug.ToString();
    }
}
