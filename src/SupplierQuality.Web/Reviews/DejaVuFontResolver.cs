using PdfSharp.Fonts;

namespace SupplierQuality.Web.Reviews;

/// <summary>
/// PDFsharp's fonts: it finds none by itself on Linux, so every family it is asked for is DejaVu Sans, read from the
/// Debian package fonts-dejavu-core (which covers Latin, Greek and Cyrillic names). Installed once per process, at the
/// first PDF, because PDFsharp takes its resolver only once and before any font is used.
/// </summary>
internal sealed class DejaVuFontResolver : IFontResolver
{
    public const string Folder = "/usr/share/fonts/truetype/dejavu";
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static bool _installed;

    private readonly Dictionary<string, byte[]> _faces;

    private DejaVuFontResolver(Dictionary<string, byte[]> faces) => _faces = faces;

    /// <summary>What an operator must do when the fonts are missing.</summary>
    public static string MissingMessage =>
        $"The PDF export needs the DejaVu Sans fonts ({Regular}.ttf and {Bold}.ttf in {Folder}). Install the Debian package fonts-dejavu-core on this node.";

    /// <summary>Sets PDFsharp's font resolver unless it is set; false when the font files are missing.</summary>
    public static bool TryInstall()
    {
        lock (Gate)
        {
            if (_installed)
            {
                return true;
            }

            var paths = new[] { Regular, Bold }.ToDictionary(face => face, face => Path.Combine(Folder, face + ".ttf"), StringComparer.Ordinal);
            if (paths.Values.Any(path => !File.Exists(path)))
            {
                return false;
            }

            // Another part of the process may have set one first; PDFsharp refuses a second, so that one stays.
            GlobalFontSettings.FontResolver ??= new DejaVuFontResolver(paths.ToDictionary(p => p.Key, p => File.ReadAllBytes(p.Value), StringComparer.Ordinal));
            _installed = true;
            return true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _faces.GetValueOrDefault(faceName);
}
