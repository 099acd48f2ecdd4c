using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace DanTienPortal.Web.Content;

/// <summary>Reads <c>plan/nhiem-vu.yml</c>, the plan's list of key tasks, checking each entry.</summary>
internal static class PlanTasks
{
    public const string File = "plan/nhiem-vu.yml";

    public static readonly IReadOnlyDictionary<string, PlanTaskStatus> Statuses = new Dictionary<string, PlanTaskStatus>
    {
        ["chua-cap-nhat"] = PlanTaskStatus.NotUpdated,
        ["chua-bat-dau"] = PlanTaskStatus.NotStarted,
        ["dang-thuc-hien"] = PlanTaskStatus.InProgress,
        ["hoan-thanh"] = PlanTaskStatus.Done,
    };

    private static readonly string[] RequiredKeys = ["number", "content", "lead", "deadline", "due", "status"];

    public static List<PlanTask> Load(string root, HashSet<string> agencies, List<ContentProblem> problems)
    {
        var path = Path.Combine(root, File);
        if (!System.IO.File.Exists(path))
        {
            problems.Add(new ContentProblem(File, 0, "thiếu danh mục nhiệm vụ trọng tâm của kế hoạch"));
            return [];
        }

        var node = FrontMatter.ParseYaml(File, System.IO.File.ReadAllText(path, Encoding.UTF8).Normalize(NormalizationForm.FormC), problems);
        if (node is not YamlSequenceNode sequence)
        {
            if (node is not null)
            {
                problems.Add(new ContentProblem(File, (int)node.Start.Line, "danh mục nhiệm vụ phải là một danh sách"));
            }

            return [];
        }

        var tasks = new List<PlanTask>();
        foreach (var entry in sequence.Children)
        {
            var line = (int)entry.Start.Line;
            if (entry is not YamlMappingNode map)
            {
                problems.Add(new ContentProblem(File, line, "mỗi nhiệm vụ phải là các cặp 'khóa: giá trị'"));
                continue;
            }

            string? Text(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlScalarNode { Value: { Length: > 0 } s } ? s.Trim() : null;
            List<string> List(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) && v is YamlSequenceNode seq
                ? seq.Children.OfType<YamlScalarNode>().Select(x => x.Value ?? "").Where(x => x.Length > 0).ToList()
                : [];

            var missing = RequiredKeys.Where(k => Text(k) is null).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new ContentProblem(File, line, $"nhiệm vụ thiếu: {string.Join(", ", missing)}"));
                continue;
            }

            var ok = true;
            void Fail(string message)
            {
                problems.Add(new ContentProblem(File, line, message));
                ok = false;
            }

            if (!int.TryParse(Text("number"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                Fail($"số thứ tự '{Text("number")}' phải là số nguyên");
            }
            else if (tasks.Any(t => t.Number == number))
            {
                Fail($"số thứ tự {number} bị trùng");
            }

            if (!agencies.Contains(Text("lead")!))
            {
                Fail($"cơ quan chủ trì '{Text("lead")}' không có trong thư mục agencies/");
            }

            foreach (var partner in List("partner_agencies").Where(p => !agencies.Contains(p)))
            {
                Fail($"cơ quan phối hợp '{partner}' không có trong thư mục agencies/");
            }

            if (!DateOnly.TryParseExact(Text("due"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
            {
                Fail($"hạn '{Text("due")}' phải là ngày dạng yyyy-mm-dd");
            }

            if (!Statuses.TryGetValue(Text("status")!, out var status))
            {
                Fail($"trạng thái '{Text("status")}' phải là một trong: {string.Join(", ", Statuses.Keys)}");
            }

            if (ok)
            {
                tasks.Add(new PlanTask(number, Text("content")!, Text("lead")!, List("partner_agencies"), Text("partners_note"),
                    Text("deadline")!, due, status));
            }
        }

        return tasks.OrderBy(t => t.Number).ToList();
    }
}
