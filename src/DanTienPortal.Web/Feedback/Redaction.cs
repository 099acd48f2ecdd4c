using System.Text;
using System.Text.RegularExpressions;
using DanTienPortal.Web.Search;

namespace DanTienPortal.Web.Feedback;

/// <summary>The kinds of personal data the redaction removes before a case is published.</summary>
public enum RedactedKind
{
    Name = 1,
    Phone = 2,
    IdNumber = 3,
    Email = 4,
    Address = 5,
}

/// <summary>How many pieces of one kind were removed.</summary>
public sealed record RedactionCount(RedactedKind Kind, int Count)
{
    public string Label => Redaction.Label(Kind);
}

/// <summary>A text with its personal data replaced by <see cref="Redaction.Marker"/>, and what was removed.</summary>
public sealed record RedactionResult(string Text, IReadOnlyList<RedactionCount> Removed)
{
    public int Total => Removed.Sum(r => r.Count);

    /// <summary>The removals of several texts added up, kind by kind.</summary>
    public static IReadOnlyList<RedactionCount> Sum(params RedactionResult[] results) =>
        results.SelectMany(r => r.Removed).GroupBy(r => r.Kind).OrderBy(g => g.Key)
            .Select(g => new RedactionCount(g.Key, g.Sum(r => r.Count))).ToList();
}

/// <summary>The submitter's own data, which the redaction looks for besides the general patterns.</summary>
public sealed record PersonalData(string? Name, string? Phone, string? Email, string? Address)
{
    public static PersonalData Of(FeedbackCase c) => new(c.Name, c.Phone, c.Email, c.Address);
}

/// <summary>
/// Removes personal data from a text before it is published: the submitter's name (whole, or any
/// run of two or more of its syllables, with or without diacritics, and the given name after a
/// form of address such as "bà"), the submitter's phone in any formatting and every Vietnamese
/// phone number, 9- and 12-digit identity-card numbers (CMND, CCCD), e-mail addresses, the
/// submitter's address and house-address patterns ("số nhà 12", "ngõ 3", "tổ 5"…). Each piece is
/// replaced by a visible marker. Pure: the same input gives the same output, and redacting a
/// redacted text changes nothing.
/// </summary>
public static partial class Redaction
{
    public const string Marker = "[đã ẩn]";

    public static string Label(RedactedKind kind) => kind switch
    {
        RedactedKind.Name => "Họ tên người gửi",
        RedactedKind.Phone => "Số điện thoại",
        RedactedKind.IdNumber => "Số CMND/CCCD",
        RedactedKind.Email => "Địa chỉ thư điện tử",
        _ => "Địa chỉ nhà",
    };

    public static RedactionResult Redact(string? text, FeedbackCase feedbackCase) => Redact(text, PersonalData.Of(feedbackCase));

    public static RedactionResult Redact(string? text, PersonalData person)
    {
        if (string.IsNullOrEmpty(text))
        {
            return new RedactionResult(text ?? "", []);
        }

        // NFC first: the folded text then has the same length, so a match in it is a match in the text.
        var source = text.Normalize(NormalizationForm.FormC);
        var folded = VietnameseText.Fold(source);
        var spans = new List<Span>();

        AddMatches(spans, EmailPattern(), source, RedactedKind.Email);
        if (OwnPhonePattern(person.Phone) is { } ownPhone)
        {
            AddMatches(spans, ownPhone, source, RedactedKind.Phone);
        }

        AddMatches(spans, PhonePattern(), source, RedactedKind.Phone);
        AddMatches(spans, IdCardAfterKeyword(), folded, RedactedKind.IdNumber, "number");
        AddMatches(spans, IdCardPattern(), source, RedactedKind.IdNumber);
        if (Words(person.Address) is { Count: > 0 } addressWords)
        {
            AddMatches(spans, WordsPattern(addressWords, @"[\s,.;:\-]+"), folded, RedactedKind.Address);
        }

        AddMatches(spans, HouseAddressPattern(), folded, RedactedKind.Address);
        AddName(spans, person.Name, source, folded);

        return Apply(source, spans);
    }

    private readonly record struct Span(int Start, int End, RedactedKind Kind);

    private static void AddMatches(List<Span> spans, Regex pattern, string text, RedactedKind kind, string? group = null)
    {
        foreach (Match match in pattern.Matches(text))
        {
            var part = group is null ? match : match.Groups[group];
            if (part.Success && part.Length > 0)
            {
                spans.Add(new Span(part.Index, part.Index + part.Length, kind));
            }
        }
    }

    private static void AddName(List<Span> spans, string? name, string source, string folded)
    {
        var syllables = Words(name);
        if (syllables.Count == 0)
        {
            return;
        }

        // Every run of two or more syllables, longest first: "Nguyễn Thị Hoa", "Nguyễn Thị", "Thị Hoa".
        for (var length = syllables.Count; length >= 2; length--)
        {
            for (var start = 0; start + length <= syllables.Count; start++)
            {
                AddMatches(spans, WordsPattern(syllables.GetRange(start, length), @"\s+"), folded, RedactedKind.Name);
            }
        }

        // The given name after a form of address ("bà Hoa", "ông Tuấn"), written with a capital.
        var given = Regex.Escape(syllables[^1]);
        var addressed = new Regex(
            $@"(?<!\p{{L}})(?:ong|ba|anh|chi|co|chu|bac|em|cu)\s+(?<name>{given})(?!\p{{L}})",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        foreach (Match match in addressed.Matches(folded))
        {
            var part = match.Groups["name"];
            if (char.IsUpper(source[part.Index]))
            {
                spans.Add(new Span(part.Index, part.Index + part.Length, RedactedKind.Name));
            }
        }
    }

    /// <summary>The words of a value, folded, without punctuation: "Số 12, thôn Đông" → so, 12, thon, Dong.</summary>
    private static List<string> Words(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : WordPattern().Matches(VietnameseText.Fold(value.Normalize(NormalizationForm.FormC))).Select(m => m.Value).ToList();

    /// <summary>The words in this order as whole words, with <paramref name="between"/> between them, on folded text.</summary>
    private static Regex WordsPattern(IEnumerable<string> words, string between) => new(
        @"(?<![\p{L}\p{N}])" + string.Join(between, words.Select(Regex.Escape)) + @"(?![\p{L}\p{N}])",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    /// <summary>The submitter's own number written any way: 0912 345 678, 0912.345.678, +84 912-345-678, (+84)912345678.</summary>
    private static Regex? OwnPhonePattern(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length >= 11)
        {
            digits = "0" + digits[2..];
        }

        if (digits.Length < 8)
        {
            return null;
        }

        const string separator = @"[ \t.\-()]{0,3}";
        var national = digits.StartsWith('0') ? digits[1..] : digits;
        var prefix = digits.StartsWith('0') ? @"(?:\(?0|\(?\+?84\)?" + separator + ")" : "";
        return new Regex(
            @"(?<![\p{L}\p{N}])" + prefix + string.Join(separator, national.Select(c => new string(c, 1))) + @"(?!\p{N})",
            RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Joins the pieces, the overlapping ones merged, each replaced by the marker; counts each piece once by the kind found first.</summary>
    private static RedactionResult Apply(string source, List<Span> spans)
    {
        if (spans.Count == 0)
        {
            return new RedactionResult(source, []);
        }

        var ordered = spans.Select((s, i) => (Span: s, Order: i)).OrderBy(x => x.Span.Start).ThenByDescending(x => x.Span.End).ToList();
        var merged = new List<(int Start, int End, RedactedKind Kind, int Order)>();
        foreach (var (span, order) in ordered)
        {
            if (merged.Count > 0 && span.Start < merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = (last.Start, Math.Max(last.End, span.End), order < last.Order ? span.Kind : last.Kind, Math.Min(order, last.Order));
            }
            else
            {
                merged.Add((span.Start, span.End, span.Kind, order));
            }
        }

        var output = new StringBuilder(source.Length);
        var position = 0;
        foreach (var (start, end, _, _) in merged)
        {
            output.Append(source, position, start - position).Append(Marker);
            position = end;
        }

        output.Append(source, position, source.Length - position);
        var counts = merged.GroupBy(m => m.Kind).OrderBy(g => g.Key).Select(g => new RedactionCount(g.Key, g.Count())).ToList();
        return new RedactionResult(output.ToString(), counts);
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex EmailPattern();

    // 0 or +84 followed by 9–10 digits, with single spaces, dots, dashes (or a bracketed prefix) between them.
    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(?:\(?0|\(\+?84\)|\+84)(?:[ \t.\-)]{0,2}\d){9,10}(?!\d|[.\-]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PhonePattern();

    // A CMND (9 digits) or CCCD (12 digits) written as one number.
    [GeneratedRegex(@"(?<![\p{L}\p{N}.,])(?:\d{12}|\d{9})(?![\p{L}\p{N}]|[.,]\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdCardPattern();

    // After "CMND", "CCCD", "căn cước", "chứng minh (nhân dân)", "định danh": the number even in groups (001 234 567 890).
    [GeneratedRegex(@"(?<!\p{L})(?:cmnd|cccd|can\s+cuoc(?:\s+cong\s+dan)?|chung\s+minh(?:\s+nhan\s+dan)?|dinh\s+danh(?:\s+ca\s+nhan)?)[^\p{N}\n]{0,20}?(?<number>\d(?:[ .\-]?\d){8}(?:(?:[ .\-]?\d){3})?)(?![ .\-]?\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex IdCardAfterKeyword();

    // On folded text: "số nhà 12", "số 12A", "ngõ 3", "ngách 5/2", "hẻm 7", "kiệt 4", "tổ 5", "tổ dân phố 2".
    // "số" after the name of a document, a map sheet or a card ("Quyết định số 12", "tờ bản đồ số 5", "CCCD số …")
    // is not an address, nor is a number followed by a slash and letters ("số 12/QĐ-UBND").
    [GeneratedRegex(@"(?<!\p{L})(?:so\s+nha|(?<!(?:quyet\s+dinh|cong\s+van|thong\s+tu|nghi\s+dinh|nghi\s+quyet|van\s+ban|ke\s+hoach|thong\s+bao|to\s+trinh|bao\s+cao|chi\s+thi|giay\s+phep|hop\s+dong|ban\s+do|thua|dieu|khoan|muc|phu\s+luc|bien\s+ban|giay\s+chung\s+nhan|ho\s+so|cmnd|cccd|cuoc|cong\s+dan|nhan\s+dan|dinh\s+danh|ca\s+nhan|dien\s+thoai|tai\s+khoan|ky\s+hieu)\s+)so|ngo|ngach|hem|kiet|to(?:\s+dan\s+pho)?)(?:\s*(?:so\s*)?)(?>\d+[a-z]?(?:[/\-]\d+[a-z]?)*)(?![\p{L}\p{N}]|[/\-]\p{L}|[.,]\d)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex HouseAddressPattern();
}
