using System.Text;

namespace DanTienPortal.Benchmarks;

/// <summary>Finds a hidden field's value in a page by plain byte search, which costs the load generator far less than an HTML parser.</summary>
public static class FormFields
{
    private static readonly byte[] ValueStart = "value=\""u8.ToArray();

    /// <summary>The value of the first input named <paramref name="name"/>: <c>name="…"</c> then <c>value="…"</c> in the same tag; null when there is none.</summary>
    public static string? Value(ReadOnlySpan<byte> page, string name)
    {
        var at = page.IndexOf(Encoding.ASCII.GetBytes($"name=\"{name}\""));
        if (at < 0)
        {
            return null;
        }

        var tag = page[at..];
        tag = tag[..Math.Max(0, tag.IndexOf((byte)'>'))];
        var value = tag.IndexOf(ValueStart);
        if (value < 0)
        {
            return null;
        }

        var rest = tag[(value + ValueStart.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? null : Encoding.ASCII.GetString(rest[..end]);
    }
}
