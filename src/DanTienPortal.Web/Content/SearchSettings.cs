using System.Text;
using YamlDotNet.RepresentationModel;

namespace DanTienPortal.Web.Content;

/// <summary>A query pinned to the page it should always show first.</summary>
public sealed record BestBet(string Query, string Url, int Line)
{
    /// <summary>The query as search compares it: folded syllables, one space apart.</summary>
    public string FoldedQuery { get; } = string.Join(' ', Search.ParsedQuery.FoldedTokens(Query));
}

/// <summary>The editors' part of search: synonym groups and best bets, from <c>content/search/</c>.</summary>
public sealed record SearchSettings(IReadOnlyList<IReadOnlyList<string>> Synonyms, IReadOnlyList<BestBet> BestBets)
{
    public const string SynonymsFile = "search/synonyms.yml";
    public const string BestBetsFile = "search/best-bets.yml";

    public static readonly SearchSettings None = new([], []);

    public static SearchSettings Load(string root, List<ContentProblem> problems) =>
        new(LoadSynonyms(root, problems), LoadBestBets(root, problems));

    private static List<IReadOnlyList<string>> LoadSynonyms(string root, List<ContentProblem> problems)
    {
        var groups = new List<IReadOnlyList<string>>();
        if (Read(root, SynonymsFile, problems) is not { } node)
        {
            return groups;
        }

        if (node is not YamlSequenceNode list)
        {
            problems.Add(new ContentProblem(SynonymsFile, (int)node.Start.Line, "phải là một danh sách các nhóm từ đồng nghĩa"));
            return groups;
        }

        foreach (var entry in list.Children)
        {
            var phrases = entry is YamlSequenceNode group
                ? group.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0).ToList()
                : [];
            if (phrases.Count < 2)
            {
                problems.Add(new ContentProblem(SynonymsFile, (int)entry.Start.Line, "mỗi nhóm đồng nghĩa cần ít nhất hai cụm từ, dạng [a, b]"));
                continue;
            }

            groups.Add(phrases);
        }

        return groups;
    }

    private static List<BestBet> LoadBestBets(string root, List<ContentProblem> problems)
    {
        var bets = new List<BestBet>();
        if (Read(root, BestBetsFile, problems) is not { } node)
        {
            return bets;
        }

        if (node is not YamlSequenceNode list)
        {
            problems.Add(new ContentProblem(BestBetsFile, (int)node.Start.Line, "phải là một danh sách các mục 'query' và 'url'"));
            return bets;
        }

        foreach (var entry in list.Children)
        {
            string? Value(string key) => entry is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var v)
                ? (v as YamlScalarNode)?.Value?.Trim()
                : null;
            var query = Value("query");
            var url = Value("url");
            if (string.IsNullOrEmpty(query) || string.IsNullOrEmpty(url) || !url.StartsWith('/'))
            {
                problems.Add(new ContentProblem(BestBetsFile, (int)entry.Start.Line, "mỗi mục cần 'query' và 'url' (một đường dẫn của cổng, bắt đầu bằng '/')"));
                continue;
            }

            bets.Add(new BestBet(query, url, (int)entry.Start.Line));
        }

        return bets;
    }

    private static YamlNode? Read(string root, string file, List<ContentProblem> problems)
    {
        var path = Path.Combine(root, file);
        return File.Exists(path)
            ? FrontMatter.ParseYaml(file, File.ReadAllText(path, Encoding.UTF8).Normalize(NormalizationForm.FormC), problems)
            : null;
    }
}
