using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DanTienPortal.Web.Content;

/// <summary>
/// A Markdown file split into its YAML front matter and body, with typed readers that note
/// every problem against the file and the line it is on.
/// </summary>
public sealed class FrontMatter
{
    private readonly YamlMappingNode _map;
    private readonly int _firstLine;
    private readonly List<ContentProblem> _problems;

    private FrontMatter(string file, YamlMappingNode map, int firstLine, string body, int bodyLine, List<ContentProblem> problems)
    {
        File = file;
        _map = map;
        _firstLine = firstLine;
        Body = body;
        BodyLine = bodyLine;
        _problems = problems;
    }

    /// <summary>The file's path relative to the content folder.</summary>
    public string File { get; }

    public string Body { get; }

    /// <summary>The line on which the body starts (1-based).</summary>
    public int BodyLine { get; }

    /// <summary>Renders the body, with link lines counted from the top of the file.</summary>
    public RenderedMarkdown RenderBody(MarkdownRenderer markdown)
    {
        var body = markdown.Render(Body);
        return body with { Links = body.Links.Select(l => l with { Line = l.Line + BodyLine - 1 }).ToList() };
    }

    public IEnumerable<string> Keys => _map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "");

    /// <summary>Splits a Markdown file; null (and a problem noted) when it has no readable front matter.</summary>
    public static FrontMatter? Parse(string file, string text, List<ContentProblem> problems)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            problems.Add(new ContentProblem(file, 1, "tệp phải bắt đầu bằng phần thông tin (front matter) giữa hai dòng '---'"));
            return null;
        }

        var close = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (close < 0)
        {
            problems.Add(new ContentProblem(file, 1, "phần thông tin (front matter) mở bằng '---' nhưng không có dòng '---' đóng lại"));
            return null;
        }

        var yaml = string.Join('\n', lines[1..close]);
        var map = ParseMapping(file, yaml, firstLine: 2, problems);
        if (map is null)
        {
            return null;
        }

        var body = string.Join('\n', lines[(close + 1)..]);
        return new FrontMatter(file, map, 2, body, close + 2, problems);
    }

    /// <summary>Reads a whole YAML file (no Markdown) as a document node; null when unreadable.</summary>
    public static YamlNode? ParseYaml(string file, string yaml, List<ContentProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            problems.Add(new ContentProblem(file, (int)e.Start.Line, $"YAML không đọc được: {YamlMessage(e)}"));
            return null;
        }
        catch (InvalidOperationException e)
        {
            problems.Add(new ContentProblem(file, 1, $"YAML không đọc được (kiểm tra các dấu ngoặc [ ] {{ }} và dấu nháy): {e.Message}"));
            return null;
        }
    }

    public int LineOf(string key) =>
        _map.Children.Keys.OfType<YamlScalarNode>().FirstOrDefault(k => k.Value == key) is { } node
            ? Line(node)
            : _firstLine - 1;

    public string? Text(string key, bool required = false)
    {
        var node = Node(key, required);
        if (node is null)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: var value } && !string.IsNullOrWhiteSpace(value))
        {
            return value.Trim();
        }

        if (required)
        {
            Problem(node, $"'{key}' phải là một đoạn chữ, không được để trống");
        }

        return null;
    }

    public IReadOnlyList<string> List(string key, bool required = false)
    {
        var node = Node(key, required);
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                var items = sequence.Children.OfType<YamlScalarNode>()
                    .Select(s => s.Value?.Trim() ?? "")
                    .Where(s => s.Length > 0)
                    .ToList();
                if (required && items.Count == 0)
                {
                    Problem(node, $"'{key}' phải có ít nhất một mục");
                }

                return items;
            case YamlScalarNode { Value: { Length: > 0 } single }:
                return [single.Trim()];
            default:
                if (required)
                {
                    Problem(node, $"'{key}' phải là một danh sách");
                }

                return [];
        }
    }

    public DateOnly? Date(string key, bool required = false)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem(_map.Children[new YamlScalarNode(key)], $"'{key}' phải là ngày dạng yyyy-mm-dd, không phải '{text}'");
        return null;
    }

    public int? Number(string key, bool required = false)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(_map.Children[new YamlScalarNode(key)], $"'{key}' phải là một số nguyên, không phải '{text}'");
        return null;
    }

    public void Problem(string key, string message) => _problems.Add(new ContentProblem(File, LineOf(key), message));

    private static YamlMappingNode? ParseMapping(string file, string yaml, int firstLine, List<ContentProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0)
            {
                return new YamlMappingNode();
            }

            if (stream.Documents[0].RootNode is YamlMappingNode map)
            {
                return map;
            }

            problems.Add(new ContentProblem(file, firstLine, "phần thông tin phải là các cặp 'khóa: giá trị'"));
            return null;
        }
        catch (YamlException e)
        {
            problems.Add(new ContentProblem(file, (int)e.Start.Line + firstLine - 1, $"YAML không đọc được: {YamlMessage(e)}"));
            return null;
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections; it gives no position.
            problems.Add(new ContentProblem(file, firstLine, $"YAML không đọc được (kiểm tra các dấu ngoặc [ ] {{ }} và dấu nháy): {e.Message}"));
            return null;
        }
    }

    // YAML counts lines from the front matter's first line, the file's second.
    private int Line(YamlNode node) => (int)node.Start.Line + _firstLine - 1;

    private YamlNode? Node(string key, bool required)
    {
        if (_map.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return node;
        }

        if (required)
        {
            _problems.Add(new ContentProblem(File, _firstLine - 1, $"thiếu thông tin bắt buộc '{key}'"));
        }

        return null;
    }

    private void Problem(YamlNode node, string message) => _problems.Add(new ContentProblem(File, Line(node), message));

    private static string YamlMessage(YamlException e) => e.InnerException?.Message ?? e.Message;
}
