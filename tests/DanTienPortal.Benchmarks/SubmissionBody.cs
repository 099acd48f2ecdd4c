using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// The multipart body a browser sends for the feedback form. Everything but the antiforgery
/// token and the ticket is the same for every submission, so it is encoded once and only the
/// two fields that change are written per request: the load generator shares the two cores
/// with the portal and should spend as little of them as it can.
/// </summary>
public sealed class SubmissionBody
{
    public const string TokenField = "__RequestVerificationToken";
    public const string TicketField = "Ticket";

    private const string Boundary = "----DanTienBenchBoundary7d1f";

    /// <summary>A valid submission of the kind citizens send most, with an e-mail address, so that it writes both e-mails (notice and receipt).</summary>
    private static readonly KeyValuePair<string, string>[] Fields =
    [
        new("Form.Kind", "gop-y"),
        new("Form.Category", "ha-tang"),
        new("Form.Procedure", ""),
        new("Form.Hamlet", "Thôn Đông"),
        new("Form.Title", "Đèn đường thôn Đông không sáng"),
        new("Form.Content", "Từ đầu tháng, ba cột đèn đường ở cuối thôn Đông không sáng, buổi tối đi lại rất nguy hiểm, nhất là với học sinh đi học thêm về muộn. Đề nghị xã kiểm tra, sửa chữa sớm."),
        new("Form.Name", "Nguyễn Thị Hoa"),
        new("Form.Address", "Số 12, thôn Đông, xã Dân Tiến"),
        new("Form.Phone", "0912 345 678"),
        new("Form.Email", "nguyen.thi.hoa@example.com"),
        new("Form.ComplaintSubject", ""),
        new("Form.ComplaintAgainst", ""),
        new("Form.ConsentProcessing", "true"),
        new("Form.Website", ""),
    ];

    private readonly byte[] _tail;

    private SubmissionBody(byte[] tail, long attachmentBytes)
    {
        _tail = tail;
        AttachmentBytes = attachmentBytes;
    }

    /// <summary>The size of the files sent with each submission.</summary>
    public long AttachmentBytes { get; }

    /// <summary>The form's fields and these files (name, type, bytes).</summary>
    public static SubmissionBody With(IReadOnlyList<(string FileName, string ContentType, byte[] Content)> files)
    {
        using var tail = new MemoryStream();
        foreach (var (name, value) in Fields)
        {
            Part(tail, $"Content-Disposition: form-data; name=\"{name}\"", Encoding.UTF8.GetBytes(value));
        }

        foreach (var (fileName, contentType, content) in files)
        {
            Part(tail, $"Content-Disposition: form-data; name=\"Files\"; filename=\"{fileName}\"\r\nContent-Type: {contentType}", content);
        }

        tail.Write(Encoding.ASCII.GetBytes($"--{Boundary}--\r\n"));
        return new SubmissionBody(tail.ToArray(), files.Sum(f => (long)f.Content.Length));
    }

    /// <summary>The request body for one empty form as the portal handed it out.</summary>
    public HttpContent For(string antiforgeryToken, string ticket)
    {
        using var head = new MemoryStream(1024);
        Part(head, $"Content-Disposition: form-data; name=\"{TokenField}\"", Encoding.ASCII.GetBytes(antiforgeryToken));
        Part(head, $"Content-Disposition: form-data; name=\"{TicketField}\"", Encoding.ASCII.GetBytes(ticket));
        return new Content(head.ToArray(), _tail);
    }

    private static void Part(MemoryStream body, string headers, byte[] content)
    {
        body.Write(Encoding.UTF8.GetBytes($"--{Boundary}\r\n{headers}\r\n\r\n"));
        body.Write(content);
        body.Write("\r\n"u8);
    }

    /// <summary>The per-request head and the shared tail, written one after the other.</summary>
    private sealed class Content : HttpContent
    {
        private readonly byte[] _head;
        private readonly byte[] _tail;

        public Content(byte[] head, byte[] tail)
        {
            _head = head;
            _tail = tail;
            Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(_head);
            await stream.WriteAsync(_tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _tail.Length;
            return true;
        }
    }
}
