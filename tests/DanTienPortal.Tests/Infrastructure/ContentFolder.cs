namespace DanTienPortal.Tests.Infrastructure;

/// <summary>
/// A content folder of a test's own: a copy of the real <c>content/</c>, or a minimal valid set
/// that a test then breaks in one way.
/// </summary>
public sealed class ContentFolder : IDisposable
{
    private ContentFolder(string path) => Path = path;

    public string Path { get; }

    public static string RealContent => System.IO.Path.Combine(TestFolders.RepositoryRoot, "content");

    public static ContentFolder CopyOfReal()
    {
        var folder = new ContentFolder(TestFolders.Create("content"));
        foreach (var file in Directory.EnumerateFiles(RealContent, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(folder.Path, System.IO.Path.GetRelativePath(RealContent, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return folder;
    }

    /// <summary>One field, one agency, one procedure, the plan with one task, one page, one news item, one feedback topic: all valid.</summary>
    public static ContentFolder Minimal()
    {
        var folder = new ContentFolder(TestFolders.Create("content"));
        folder.Write("fields.yml", "ho-tich: Hộ tịch\nchung-thuc: Chứng thực\n");
        folder.Write("agencies/van-phong.md", """
            ---
            name: Văn phòng HĐND và UBND xã
            short_name: Văn phòng
            kind: department
            order: 1
            ---
            Tham mưu tổng hợp.
            """);
        folder.Write("procedures/dang-ky-khai-sinh.md", Procedure("Đăng ký khai sinh"));
        folder.Write("plan/cai-cach-hanh-chinh-2026.md", """
            ---
            title: Kế hoạch cải cách hành chính xã Dân Tiến năm 2026
            summary: Tóm tắt kế hoạch.
            ---
            ## I. MỤC ĐÍCH, YÊU CẦU

            Nội dung. Xem [thủ tục](/thu-tuc/dang-ky-khai-sinh).
            """);
        folder.Write("plan/nhiem-vu.yml", """
            - number: 1
              content: Tự chấm điểm chỉ số cải cách hành chính
              lead: van-phong
              partners_note: Các cơ quan, ban, ngành xã
              deadline: Quý I/2026
              due: 2026-03-31
              status: chua-cap-nhat
            """);
        folder.Write("pages/gioi-thieu.md", "---\ntitle: Giới thiệu\ndescription: Về cổng.\n---\nNội dung.\n");
        folder.Write("news/ban-hanh-ke-hoach.md", "---\ntitle: Ban hành kế hoạch\nsummary: Tóm tắt.\npublished: 2026-11-27\n---\nNội dung.\n");
        folder.Write("feedback.yml", """
            default_department: van-phong
            categories:
              - key: thu-tuc
                name: Thủ tục hành chính
                department: van-phong
            hamlets: [Xóm Một, Xóm Hai]
            """);
        folder.Write("calendar.yml", """
            2026:
              confirmed: true
              days_off: [2026-09-01, 2026-09-02]
              working_saturdays: [2026-08-22]
            """);
        return folder;
    }

    /// <summary>A procedure file with every required key and section; <paramref name="extraFrontMatter"/> is added as is.</summary>
    public static string Procedure(string title, string field = "ho-tich", string agency = "van-phong", string extraFrontMatter = "", string? sections = null) => $"""
        ---
        title: {title}
        field: {field}
        agency: {agency}
        processing_time: 3 ngày làm việc
        fee: Miễn phí
        online: co
        submit_at: Trung tâm Phục vụ hành chính công xã
        legal_basis:
          - Luật Hộ tịch số 60/2014/QH13
        last_reviewed: 2026-11-27
        {extraFrontMatter}
        ---
        {sections ?? AllSections}
        """;

    public static string AllSections => string.Join("\n", Web.Content.ContentLoader.ProcedureSections.Select(s => $"## {s}\n\n- Nội dung mục {s}.\n"));

    public void Write(string relativePath, string text)
    {
        var path = System.IO.Path.Combine(Path, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Delete(string relativePath) => File.Delete(System.IO.Path.Combine(Path, relativePath));

    public string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    public void Dispose() => TestFolders.Delete(Path);
}
