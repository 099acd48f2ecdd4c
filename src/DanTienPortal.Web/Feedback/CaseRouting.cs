using DanTienPortal.Web.Content;

namespace DanTienPortal.Web.Feedback;

/// <summary>
/// Which department a submission goes to, and why: the related procedure's department first,
/// then the topic's department, then the default of <c>content/feedback.yml</c>.
/// </summary>
public static class CaseRouting
{
    public static (string Department, string Reason) Route(Submission submission, ContentSnapshot content)
    {
        string Name(string slug) => content.AgenciesBySlug.TryGetValue(slug, out var a) ? a.Name : slug;

        var outside = "";
        if (submission.Procedure is { } procedure && content.AgenciesBySlug.TryGetValue(procedure.AgencySlug, out var agency))
        {
            if (agency.Kind == AgencyKind.Department)
            {
                return (agency.Slug, $"Thủ tục liên quan “{procedure.Title}” do {agency.Name} thực hiện.");
            }

            outside = $"Thủ tục liên quan “{procedure.Title}” do {agency.Name} (cơ quan ngoài UBND xã) thực hiện; ";
        }

        if (content.AgenciesBySlug.TryGetValue(submission.Category.Department, out var department) && department.Kind == AgencyKind.Department)
        {
            return (department.Slug, $"{outside}Chủ đề “{submission.Category.Name}” do {department.Name} phụ trách.");
        }

        var fallback = content.Feedback.DefaultDepartment
            ?? content.Agencies.First(a => a.Kind == AgencyKind.Department).Slug;
        return (fallback, $"{outside}Chưa xác định được phòng phụ trách chủ đề; chuyển tới đầu mối tiếp nhận chung là {Name(fallback)}.");
    }
}
