using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace DanTienPortal.Web.Content;

/// <summary>A topic citizens choose on the feedback form, and the department it goes to.</summary>
public sealed record FeedbackCategory(string Key, string Name, string Department);

/// <summary>
/// The content behind the feedback form and its deadlines: topics and their departments, the
/// default department, the hamlets (<c>content/feedback.yml</c>) and the days off of each year
/// (<c>content/calendar.yml</c>).
/// </summary>
public sealed record FeedbackSettings(IReadOnlyList<FeedbackCategory> Categories, string? DefaultDepartment, IReadOnlyList<string> Hamlets, WorkingCalendar Calendar)
{
    public const string File = "feedback.yml";
    public const string CalendarFile = "calendar.yml";

    public static readonly FeedbackSettings None = new([], null, [], WorkingCalendar.WeekendsOnly);

    public FeedbackCategory? Category(string? key) => Categories.FirstOrDefault(c => c.Key == key);

    public static FeedbackSettings Load(string root, IReadOnlySet<string> departments, List<ContentProblem> problems)
    {
        var (categories, defaultDepartment, hamlets) = LoadFeedback(root, departments, problems);
        return new FeedbackSettings(categories, defaultDepartment, hamlets, new WorkingCalendar(LoadCalendar(root, problems)));
    }

    private static (List<FeedbackCategory>, string?, List<string>) LoadFeedback(string root, IReadOnlySet<string> departments, List<ContentProblem> problems)
    {
        var categories = new List<FeedbackCategory>();
        var hamlets = new List<string>();
        if (Read(root, File, problems) is not { } node)
        {
            problems.Add(new ContentProblem(File, 0, "thiếu tệp chủ đề phản ánh, kiến nghị"));
            return (categories, null, hamlets);
        }

        if (node is not YamlMappingNode map)
        {
            problems.Add(new ContentProblem(File, (int)node.Start.Line, "phải có các khóa 'default_department', 'categories' và 'hamlets'"));
            return (categories, null, hamlets);
        }

        string? Department(YamlNode? value, string what)
        {
            var slug = (value as YamlScalarNode)?.Value?.Trim();
            if (slug is null || !departments.Contains(slug))
            {
                problems.Add(new ContentProblem(File, (int)(value?.Start.Line ?? map.Start.Line), $"{what}: '{slug}' không phải phòng, ban nào của xã trong agencies/"));
                return null;
            }

            return slug;
        }

        var defaultDepartment = Department(Child(map, "default_department"), "default_department");
        if (Child(map, "categories") is YamlSequenceNode list)
        {
            foreach (var entry in list.Children)
            {
                var line = (int)entry.Start.Line;
                var key = Scalar(entry, "key");
                var name = Scalar(entry, "name");
                if (key is null || name is null || !Slug.IsValid(key))
                {
                    problems.Add(new ContentProblem(File, line, "mỗi chủ đề cần 'key' (chữ thường không dấu, nối bằng '-'), 'name' và 'department'"));
                    continue;
                }

                if (categories.Any(c => c.Key == key))
                {
                    problems.Add(new ContentProblem(File, line, $"chủ đề '{key}' bị trùng"));
                    continue;
                }

                if (Department(entry is YamlMappingNode m ? Child(m, "department") : null, $"chủ đề '{key}'") is { } department)
                {
                    categories.Add(new FeedbackCategory(key, name, department));
                }
            }
        }

        if (categories.Count == 0)
        {
            problems.Add(new ContentProblem(File, (int)map.Start.Line, "cần ít nhất một chủ đề trong 'categories'"));
        }

        if (Child(map, "hamlets") is YamlSequenceNode names)
        {
            hamlets.AddRange(names.Children.OfType<YamlScalarNode>().Select(s => s.Value?.Trim() ?? "").Where(s => s.Length > 0).Distinct());
        }

        return (categories, defaultDepartment, hamlets);
    }

    private static List<CalendarYear> LoadCalendar(string root, List<ContentProblem> problems)
    {
        var years = new List<CalendarYear>();
        if (Read(root, CalendarFile, problems) is not YamlMappingNode map)
        {
            problems.Add(new ContentProblem(CalendarFile, 0, "thiếu lịch ngày nghỉ theo năm (năm: {confirmed, days_off, working_saturdays})"));
            return years;
        }

        foreach (var (key, value) in map.Children)
        {
            var line = (int)key.Start.Line;
            if (!int.TryParse((key as YamlScalarNode)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || value is not YamlMappingNode entry)
            {
                problems.Add(new ContentProblem(CalendarFile, line, "mỗi mục là một năm (ví dụ 2026:) với 'confirmed', 'days_off' và 'working_saturdays'"));
                continue;
            }

            HashSet<DateOnly> Days(string name, Func<DateOnly, bool> allowed, string rule)
            {
                var days = new HashSet<DateOnly>();
                foreach (var item in (Child(entry, name) as YamlSequenceNode)?.Children.OfType<YamlScalarNode>() ?? [])
                {
                    if (DateOnly.TryParseExact(item.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year == year && allowed(day))
                    {
                        days.Add(day);
                    }
                    else
                    {
                        problems.Add(new ContentProblem(CalendarFile, (int)item.Start.Line, $"'{item.Value}' trong {name}: cần một ngày yyyy-MM-dd của năm {year}, {rule}"));
                    }
                }

                return days;
            }

            years.Add(new CalendarYear(
                year,
                Scalar(entry, "confirmed") == "true",
                Days("days_off", _ => true, "bất kỳ"),
                Days("working_saturdays", d => d.DayOfWeek == DayOfWeek.Saturday, "là thứ Bảy"),
                Scalar(entry, "note")));
        }

        return years;
    }

    private static YamlNode? Child(YamlMappingNode map, string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlNode node, string key) =>
        node is YamlMappingNode map && Child(map, key) is YamlScalarNode { Value: { Length: > 0 } value } ? value.Trim() : null;

    private static YamlNode? Read(string root, string file, List<ContentProblem> problems)
    {
        var path = Path.Combine(root, file);
        return System.IO.File.Exists(path)
            ? FrontMatter.ParseYaml(file, System.IO.File.ReadAllText(path, Encoding.UTF8).Normalize(NormalizationForm.FormC), problems)
            : null;
    }
}
