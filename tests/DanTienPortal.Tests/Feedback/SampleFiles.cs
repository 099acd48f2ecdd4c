using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace DanTienPortal.Tests.Feedback;

/// <summary>Small real files of each accepted type, and files that only pretend to be one.</summary>
public static class SampleFiles
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>A 1×1 JPEG (arithmetic-coded baseline, 125 bytes).</summary>
    public static byte[] JpegImage() => Convert.FromHexString(
        "FFD8FFDB004300030202020202030202020303030304060404040404080606050609080A0A090809090A0C0F0C0A0B0E0B09090D110D0E0F101011100A0C12131210130F101010" +
        "FFC9000B080001000101011100FFCC000600101005FFDA0008010100003F00D2CF20FFD9");

    /// <summary>A 1×1 PNG with valid chunk checksums.</summary>
    public static byte[] PngImage() => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A one-page PDF with a correct cross-reference table.</summary>
    public static byte[] PdfDocument()
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
            "<< /Length 0 >>\nstream\n\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A minimal Word document: the package's content types, its relationships and the body.</summary>
    public static byte[] DocxDocument() => Zip(new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["[Content_Types].xml"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """,
        ["_rels/.rels"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """,
        ["word/document.xml"] = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Đơn phản ánh</w:t></w:r></w:p></w:body></w:document>
            """,
    });

    /// <summary>A zip archive that is no Word document.</summary>
    public static byte[] PlainZip() => Zip(new Dictionary<string, string>(StringComparer.Ordinal) { ["readme.txt"] = "Không phải tệp Word." });

    /// <summary>The start of a Windows executable.</summary>
    public static byte[] Executable() =>
        [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, .. new byte[240]];

    /// <summary>A shell script.</summary>
    public static byte[] Script() => Encoding.ASCII.GetBytes("#!/bin/sh\nrm -rf / --no-preserve-root\n");

    /// <summary>A file of <paramref name="size"/> bytes that starts like a JPEG.</summary>
    public static byte[] JpegOfSize(int size)
    {
        var bytes = new byte[size];
        JpegImage().CopyTo(bytes, 0);
        return bytes;
    }

    public static byte[] Zip(IReadOnlyDictionary<string, string> entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return memory.ToArray();
    }
}
