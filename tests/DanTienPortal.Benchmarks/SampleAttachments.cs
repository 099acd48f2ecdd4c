using System.Globalization;
using System.Text;

namespace DanTienPortal.Benchmarks;

/// <summary>
/// Valid files of the sizes citizens attach (a phone photo, a scanned page), made from random
/// bytes so that, like real JPEG and PDF data, PostgreSQL cannot compress them when it stores them.
/// </summary>
public static class SampleAttachments
{
    /// <summary>
    /// A 1×1 baseline JPEG whose bulk is comment (COM) segments of random bytes, as a photo's
    /// EXIF and thumbnail are: a valid file that the portal recognises from its first bytes.
    /// </summary>
    public static byte[] Jpeg(int size, Random random)
    {
        var pixel = Convert.FromHexString(
            "FFD8FFDB004300030202020202030202020303030304060404040404080606050609080A0A090809090A0C0F0C0A0B0E0B09090D110D0E0F101011100A0C12131210130F101010" +
            "FFC9000B080001000101011100FFCC000600101005FFDA0008010100003F00D2CF20FFD9");
        using var file = new MemoryStream(size);
        file.Write(pixel.AsSpan(0, 2));
        // Each segment is a marker, two length bytes (counting themselves, at most 65,535) and the payload.
        var left = size - pixel.Length;
        while (left > 4)
        {
            var payload = new byte[Math.Min(65_533, left - 4)];
            random.NextBytes(payload);
            file.Write([0xFF, 0xFE, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF)]);
            file.Write(payload);
            left -= 4 + payload.Length;
        }

        file.Write(pixel.AsSpan(2));
        return file.ToArray();
    }

    /// <summary>A one-page PDF showing one RGB image of random pixels (a scan), with a correct cross-reference table.</summary>
    public static byte[] Pdf(int size, Random random)
    {
        var side = (int)Math.Sqrt(size / 3.0);
        var pixels = new byte[side * side * 3];
        random.NextBytes(pixels);
        var drawing = $"q {side} 0 0 {side} 0 0 cm /Im1 Do Q";

        using var file = new MemoryStream(size + 1024);
        var offsets = new List<long>();
        void Text(string text) => file.Write(Encoding.ASCII.GetBytes(text));
        void Object(string dictionary, byte[]? stream = null)
        {
            offsets.Add(file.Position);
            Text(string.Create(CultureInfo.InvariantCulture, $"{offsets.Count} 0 obj\n{dictionary}\n"));
            if (stream is not null)
            {
                Text("stream\n");
                file.Write(stream);
                Text("\nendstream\n");
            }

            Text("endobj\n");
        }

        Text("%PDF-1.4\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object(string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {side} {side}] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>"));
        Object(string.Create(CultureInfo.InvariantCulture, $"<< /Length {drawing.Length} >>"), Encoding.ASCII.GetBytes(drawing));
        Object(string.Create(CultureInfo.InvariantCulture, $"<< /Type /XObject /Subtype /Image /Width {side} /Height {side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Length {pixels.Length} >>"), pixels);

        var xref = file.Position;
        Text(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Text(string.Create(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n"));
        }

        Text(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return file.ToArray();
    }
}
