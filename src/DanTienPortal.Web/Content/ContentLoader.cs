using System.Text;
using YamlDotNet.RepresentationModel;

namespace DanTienPortal.Web.Content;

/// <summary>
/// Reads <c>content/</c> into a <see cref="ContentSnapshot"/>. A file that cannot be read, or
/// lacks what its page needs, is left out; every problem is reported with file and line.
/// </summary>
public sealed class ContentLoader(MarkdownRenderer markdown, TimeProvider time)
{
    public const string PlanSlug = "cai-cach-hanh-chinh-2026";

    /// <summary>The body sections of a Vietnamese procedure record, in their order.</summary>
    public static readonly IReadOnlyList<string> ProcedureSections =
    [
        "Trình tự thực hiện", "Cách thức thực hiện", "Thành phần hồ sơ", "Thời hạn giải quyết",
        "Đối tượng thực hiện", "Cơ quan thực hiện", "Kết quả", "Lệ phí", "Căn cứ pháp lý", "Yêu cầu, điều kiện",
    ];

    private static readonly string[] ProcedureKeys =
    [
        "title", "slug", "code", "field", "agency", "decided_by", "processing_time", "fee", "online", "submit_at",
        "portal_url", "result", "legal_basis", "last_reviewed", "unconfirmed", "keywords", "popular",
    ];

    /// <summary>Addresses of the site's own pages that content may link to, besides content pages.</summary>
    private static readonly string[] FixedPaths =
    [
        "/", "/thu-tuc", "/tin-tuc", "/tim-kiem", "/phan-anh-kien-nghi", "/phan-anh-kien-nghi/gui",
        "/phan-anh-kien-nghi/tra-cuu", "/thong-ke", "/sitemap.xml",
    ];

    public ContentSnapshot Load(string root)
    {
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(root))
        {
            problems.Add(new ContentProblem(root, 0, "thư mục nội dung không tồn tại"));
            return new ContentSnapshot([], [], [], [], [], null, problems, time.GetUtcNow());
        }

        var fields = LoadFields(root, problems);
        var agencies = LoadMarkdown(root, "agencies", problems, ReadAgency);
        var agencySlugs = agencies.Select(a => a.Slug).ToHashSet(StringComparer.Ordinal);
        var fieldKeys = fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var procedures = LoadMarkdown(root, "procedures", problems, (fm, slug) => ReadProcedure(fm, slug, fieldKeys, agencySlugs));
        var pages = LoadMarkdown(root, "pages", problems, ReadPage);
        var news = LoadMarkdown(root, "news", problems, ReadNews);
        var plan = LoadPlan(root, agencySlugs, problems);
        var search = SearchSettings.Load(root, problems);
        var departments = agencies.Where(a => a.Kind == AgencyKind.Department).Select(a => a.Slug).ToHashSet(StringComparer.Ordinal);
        var feedback = FeedbackSettings.Load(root, departments, problems);

        var unique = Deduplicate(procedures, p => p.Slug, p => p.SourceFile, "thủ tục", problems)
            .ToList();
        var uniquePages = Deduplicate(pages, p => p.Slug, p => p.SourceFile, "trang", problems).ToList();
        var uniqueNews = Deduplicate(news, n => n.Slug, n => n.SourceFile, "tin", problems).ToList();

        CheckLinks(unique, agencies, uniquePages, uniqueNews, plan, search, problems);
        return new ContentSnapshot(fields, agencies, unique, uniquePages, uniqueNews, plan, problems, time.GetUtcNow(), search, feedback);
    }

    private static List<Field> LoadFields(string root, List<ContentProblem> problems)
    {
        const string file = "fields.yml";
        var path = Path.Combine(root, file);
        if (!File.Exists(path))
        {
            problems.Add(new ContentProblem(file, 0, "thiếu tệp danh mục lĩnh vực"));
            return [];
        }

        if (FrontMatter.ParseYaml(file, File.ReadAllText(path, Encoding.UTF8), problems) is not { } node)
        {
            return [];
        }

        if (node is not YamlMappingNode map)
        {
            problems.Add(new ContentProblem(file, (int)node.Start.Line, "phải là các cặp 'khóa: tên lĩnh vực'"));
            return [];
        }

        var fields = new List<Field>();
        foreach (var (key, value) in map.Children)
        {
            var name = (value as YamlScalarNode)?.Value;
            if (key is not YamlScalarNode { Value: { Length: > 0 } k } || string.IsNullOrWhiteSpace(name))
            {
                problems.Add(new ContentProblem(file, (int)key.Start.Line, "mỗi lĩnh vực cần một khóa và một tên"));
                continue;
            }

            fields.Add(new Field(k, name.Trim(), fields.Count));
        }

        return fields;
    }

    private static List<T> LoadMarkdown<T>(string root, string folder, List<ContentProblem> problems, Func<FrontMatter, string, T?> read)
        where T : class
    {
        var directory = Path.Combine(root, folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var items = new List<T>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.md").Order(StringComparer.Ordinal))
        {
            var file = Path.GetRelativePath(root, path).Replace('\\', '/');
            string text;
            try
            {
                text = File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true)).Normalize(NormalizationForm.FormC);
            }
            catch (Exception e) when (e is IOException or DecoderFallbackException or UnauthorizedAccessException)
            {
                problems.Add(new ContentProblem(file, 0, $"không đọc được tệp (cần mã hóa UTF-8): {e.Message}"));
                continue;
            }

            var before = problems.Count;
            if (FrontMatter.Parse(file, text, problems) is not { } frontMatter)
            {
                continue;
            }

            var name = Path.GetFileNameWithoutExtension(path);
            var slug = frontMatter.Text("slug") ?? name;
            if (slug != Slug.From(slug))
            {
                frontMatter.Problem(frontMatter.Keys.Contains("slug") ? "slug" : "title",
                    $"đường dẫn '{slug}' chỉ được gồm chữ thường không dấu, số và dấu gạch ngang (gợi ý: '{Slug.From(slug)}')");
                continue;
            }

            var item = read(frontMatter, slug);
            // Problems that make the page unusable leave the file out; the reader returns null for those.
            if (item is not null)
            {
                items.Add(item);
            }
            else if (problems.Count == before)
            {
                problems.Add(new ContentProblem(file, 1, "tệp bị bỏ qua"));
            }
        }

        return items;
    }

    private Agency? ReadAgency(FrontMatter fm, string slug)
    {
        var name = fm.Text("name", required: true);
        var shortName = fm.Text("short_name", required: true);
        var kindText = fm.Text("kind", required: true);
        AgencyKind? kind = kindText switch
        {
            "department" => AgencyKind.Department,
            "external" => AgencyKind.External,
            _ => null,
        };
        if (kindText is not null && kind is null)
        {
            fm.Problem("kind", $"'kind' phải là 'department' hoặc 'external', không phải '{kindText}'");
        }

        var mailbox = fm.Text("mailbox");
        if (mailbox is not null && !System.Net.Mail.MailAddress.TryCreate(mailbox, out _))
        {
            fm.Problem("mailbox", $"'{mailbox}' không phải địa chỉ thư điện tử hợp lệ");
            mailbox = null;
        }

        if (name is null || shortName is null || kind is null)
        {
            return null;
        }

        return new Agency(slug, name, shortName, kind.Value, fm.List("aliases"), mailbox, fm.Text("phone"),
            fm.Number("order") ?? int.MaxValue, fm.RenderBody(markdown), fm.File);
    }

    private Procedure? ReadProcedure(FrontMatter fm, string slug, HashSet<string> fields, HashSet<string> agencies)
    {
        var title = fm.Text("title", required: true);
        var field = fm.Text("field", required: true);
        var agency = fm.Text("agency", required: true);
        var time = fm.Text("processing_time", required: true);
        var fee = fm.Text("fee", required: true);
        var onlineText = fm.Text("online", required: true);
        var submitAt = fm.Text("submit_at", required: true);
        var legalBasis = fm.List("legal_basis", required: true);
        var reviewed = fm.Date("last_reviewed", required: true);

        if (field is not null && !fields.Contains(field))
        {
            fm.Problem("field", $"lĩnh vực '{field}' không có trong fields.yml");
            field = null;
        }

        if (agency is not null && !agencies.Contains(agency))
        {
            fm.Problem("agency", $"cơ quan '{agency}' không có trong thư mục agencies/");
            agency = null;
        }

        OnlineLevel? online = onlineText switch
        {
            "toan-trinh" => OnlineLevel.Full,
            "co" => OnlineLevel.Available,
            "khong" => OnlineLevel.None,
            _ => null,
        };
        if (onlineText is not null && online is null)
        {
            fm.Problem("online", $"'online' phải là 'toan-trinh', 'co' hoặc 'khong', không phải '{onlineText}'");
        }

        Uri? portalUrl = null;
        if (fm.Text("portal_url") is { } url)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme == Uri.UriSchemeHttps)
            {
                portalUrl = parsed;
            }
            else
            {
                fm.Problem("portal_url", $"'portal_url' phải là một địa chỉ https đầy đủ, không phải '{url}'");
            }
        }

        var unconfirmed = fm.List("unconfirmed").ToHashSet(StringComparer.Ordinal);
        foreach (var key in unconfirmed.Where(k => !ProcedureKeys.Contains(k)))
        {
            fm.Problem("unconfirmed", $"'unconfirmed' nhắc đến '{key}', không phải một thông tin của thủ tục");
        }

        foreach (var key in fm.Keys.Where(k => !ProcedureKeys.Contains(k)))
        {
            fm.Problem(key, $"thông tin '{key}' không được dùng cho thủ tục (xem docs/content.md)");
        }

        var body = fm.RenderBody(markdown);
        CheckSections(fm, body);

        if (title is null || field is null || agency is null || time is null || fee is null || online is null ||
            submitAt is null || legalBasis.Count == 0 || reviewed is null)
        {
            return null;
        }

        return new Procedure(slug, title, fm.Text("code"), field, agency, fm.Text("decided_by"), time, fee, online.Value,
            submitAt, portalUrl, fm.Text("result"), legalBasis, reviewed.Value, unconfirmed, fm.List("keywords"),
            fm.Number("popular"), body, fm.File);
    }

    private static void CheckSections(FrontMatter fm, RenderedMarkdown body)
    {
        var sections = body.Headings.Where(h => h.Level == 2).Select(h => h.Text).ToList();
        var missing = ProcedureSections.Where(s => !sections.Contains(s, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            fm.Problem("title", $"thiếu mục bắt buộc trong nội dung: {string.Join(", ", missing.Select(m => $"'## {m}'"))}");
            return;
        }

        var order = sections.Where(ProcedureSections.Contains).ToList();
        if (!order.SequenceEqual(ProcedureSections))
        {
            fm.Problem("title", $"các mục phải theo thứ tự: {string.Join(" → ", ProcedureSections)}");
        }
    }

    private ContentPage? ReadPage(FrontMatter fm, string slug)
    {
        var title = fm.Text("title", required: true);
        var description = fm.Text("description", required: true);
        return title is null || description is null ? null : new ContentPage(slug, title, description, fm.RenderBody(markdown), fm.File);
    }

    private NewsArticle? ReadNews(FrontMatter fm, string slug)
    {
        var title = fm.Text("title", required: true);
        var summary = fm.Text("summary", required: true);
        var published = fm.Date("published", required: true);
        return title is null || summary is null || published is null
            ? null
            : new NewsArticle(slug, title, summary, published.Value, fm.Text("source"), fm.RenderBody(markdown), fm.File);
    }

    private Plan? LoadPlan(string root, HashSet<string> agencies, List<ContentProblem> problems)
    {
        var plans = LoadMarkdown(root, "plan", problems, (fm, slug) =>
        {
            var title = fm.Text("title", required: true);
            var summary = fm.Text("summary", required: true);
            return title is null || summary is null
                ? null
                : new Plan(slug, title, fm.Text("short_title") ?? title, fm.Text("number") ?? "", fm.Text("issued") ?? "",
                    fm.Text("issuer") ?? "", fm.Text("signer") ?? "", fm.Text("signer_title") ?? "", summary, fm.Text("notes"),
                    fm.RenderBody(markdown), [], fm.File);
        });
        var plan = plans.FirstOrDefault(p => p.Slug == PlanSlug);
        if (plan is null)
        {
            problems.Add(new ContentProblem($"plan/{PlanSlug}.md", 0, "thiếu tệp kế hoạch cải cách hành chính"));
            return null;
        }

        return plan with { Tasks = PlanTasks.Load(root, agencies, problems) };
    }

    private static IEnumerable<T> Deduplicate<T>(List<T> items, Func<T, string> slug, Func<T, string> file, string what, List<ContentProblem> problems)
    {
        foreach (var group in items.GroupBy(slug, StringComparer.Ordinal))
        {
            var first = group.First();
            foreach (var duplicate in group.Skip(1))
            {
                problems.Add(new ContentProblem(file(duplicate), 1,
                    $"đường dẫn '{group.Key}' trùng với {what} trong {file(first)}; tệp này bị bỏ qua"));
            }

            yield return first;
        }
    }

    private static void CheckLinks(
        List<Procedure> procedures, List<Agency> agencies, List<ContentPage> pages, List<NewsArticle> news, Plan? plan,
        SearchSettings search, List<ContentProblem> problems)
    {
        var known = new HashSet<string>(FixedPaths, StringComparer.Ordinal);
        known.UnionWith(procedures.Select(p => p.Url));
        known.UnionWith(agencies.Select(a => $"/co-quan/{a.Slug}"));
        known.UnionWith(pages.Select(p => p.Url));
        known.UnionWith(news.Select(n => n.Url));
        if (plan is not null)
        {
            known.Add(plan.Url);
            known.Add(plan.TasksUrl);
        }

        foreach (var bet in search.BestBets.Where(b => !known.Contains(b.Url.Split('#')[0])))
        {
            problems.Add(new ContentProblem(SearchSettings.BestBetsFile, bet.Line, $"best bet '{bet.Query}' trỏ tới '{bet.Url}', không phải trang nào của cổng"));
        }

        var documents = procedures.Select(p => (p.SourceFile, p.Body))
            .Concat(agencies.Select(a => (a.SourceFile, a.Body)))
            .Concat(pages.Select(p => (p.SourceFile, p.Body)))
            .Concat(news.Select(n => (n.SourceFile, n.Body)))
            .Concat(plan is null ? [] : [(plan.SourceFile, plan.Body)]);
        foreach (var (file, body) in documents)
        {
            foreach (var link in body.Links)
            {
                var path = link.Path.Split('#', '?')[0].TrimEnd('/');
                if (!known.Contains(path.Length == 0 ? "/" : path))
                {
                    problems.Add(new ContentProblem(file, link.Line, $"liên kết '{link.Path}' không dẫn tới trang nào của cổng"));
                }
            }
        }
    }
}
