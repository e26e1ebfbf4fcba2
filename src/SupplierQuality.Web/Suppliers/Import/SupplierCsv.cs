using System.Buffers;
using System.Globalization;
using System.Text;
using SupplierQuality.Grains.Suppliers;

namespace SupplierQuality.Web.Suppliers.Import;

/// <summary>
/// One record of a CSV file. <see cref="Line"/> is the physical line it starts on (the header is line 1), so a
/// value with line breaks in quotes moves the numbers of the records after it, as an editor shows them.
/// <see cref="Error"/> says what is wrong with the quoting of field <see cref="ErrorField"/> (0-based); the fields are
/// then only a best guess.
/// </summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error = null, int? ErrorField = null)
{
    public bool IsBlank => Error is null && Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Reading an uploaded CSV file: strict UTF-8 and RFC 4180 (quoted fields, doubled quotes, commas and line breaks in
/// quotes, CRLF or LF). Quoting mistakes are reported per record rather than guessed around.
/// </summary>
internal static class SupplierCsv
{
    /// <summary>The largest file taken: 20 MB holds 50,000 rows of several hundred characters.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The most data rows (the header and blank rows not counted) one file may have.</summary>
    public const int MaxRows = 50_000;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string SaveAsUtf8 =
        "Save it as UTF-8 and upload it again: in Excel choose File › Save As › \"CSV UTF-8 (Comma delimited)\"; "
        + "in LibreOffice tick \"Edit filter settings\" and choose \"Unicode (UTF-8)\"; in a text editor choose the UTF-8 encoding.";

    public static string FormatSize(long bytes) =>
        bytes >= 1024 * 1024
            ? (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB"
            : (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB";

    public static SupplierImportProblem TooLarge { get; } = new(
        null, null, $"The file is larger than {FormatSize(MaxBytes)}, the most one import takes. Split it into smaller files and import them one after the other.");

    /// <summary>The problem with a file of this size, or null when it is small enough.</summary>
    public static SupplierImportProblem? CheckSize(long bytes) => bytes > MaxBytes ? TooLarge : null;

    /// <summary>
    /// The file's text, without a UTF-8 byte order mark. A file in any other encoding is refused with the line of
    /// its first invalid byte: guessing (Latin-1, Windows-1252...) would save wrong letters ("CafÃ©") that nobody
    /// notices until a survey goes out.
    /// </summary>
    public static SupplierImportProblem? Decode(ReadOnlySpan<byte> bytes, out string text)
    {
        text = string.Empty;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new SupplierImportProblem(null, null, "The file is not UTF-8: it is UTF-16 (Excel's \"Unicode Text\"). " + SaveAsUtf8);
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
            return null;
        }
        catch (DecoderFallbackException)
        {
            var offset = FirstInvalidByte(bytes);
            var line = 1 + bytes[..offset].Count((byte)'\n');
            var value = bytes[offset];

            // Bytes from 0xA0 up are the same letter in Latin-1 and Windows-1252, the usual culprits.
            var letter = value >= 0xA0 ? $" (\"{(char)value}\" in Windows-1252 or Latin-1)" : string.Empty;
            return new SupplierImportProblem(
                line,
                null,
                $"The file is not UTF-8: line {line} has the byte 0x{value:X2}{letter}, which UTF-8 does not allow. Nothing was read from it. " + SaveAsUtf8);
        }
    }

    /// <summary>
    /// The separator: a comma, or a semicolon when the first line has semicolons and no comma (Excel saves
    /// "CSV" with semicolons where the decimal mark is a comma, as in much of Europe).
    /// </summary>
    public static char SeparatorOf(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        var first = end < 0 ? text.AsSpan() : text.AsSpan(0, end);
        return !first.Contains(',') && first.Contains(';') ? ';' : ',';
    }

    /// <summary>
    /// The records of the text, blank ones included (the caller decides). An unclosed quote swallows the rest of the
    /// file, so it ends the records with an error on the line where the quote opened.
    /// </summary>
    public static IEnumerable<CsvRecord> Records(string text, char separator = ',')
    {
        ArgumentNullException.ThrowIfNull(text);
        var stops = SearchValues.Create([separator, '\r', '\n', '"']);
        var pos = 0;
        var line = 1;
        var field = new StringBuilder();
        while (pos < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            string? error = null;
            int? errorField = null;
            while (true)
            {
                field.Clear();
                if (pos < text.Length && text[pos] == '"')
                {
                    var openedOn = line;
                    pos++;
                    var closed = false;
                    while (pos < text.Length)
                    {
                        var c = text[pos];
                        if (c == '"')
                        {
                            if (pos + 1 < text.Length && text[pos + 1] == '"')
                            {
                                field.Append('"');
                                pos += 2;
                                continue;
                            }

                            pos++;
                            closed = true;
                            break;
                        }

                        // Line breaks in quotes stay in the value and still count as lines.
                        if (c == '\n' || (c == '\r' && (pos + 1 >= text.Length || text[pos + 1] != '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                        pos++;
                    }

                    if (!closed)
                    {
                        yield return new CsvRecord(
                            openedOn,
                            [.. fields, field.ToString()],
                            $"The quoted value that starts on line {openedOn} is never closed: a closing double quote (\") is missing, so the rest of the file could not be read.",
                            fields.Count);
                        yield break;
                    }

                    if (pos < text.Length && text[pos] != separator && text[pos] is not ('\r' or '\n'))
                    {
                        errorField ??= fields.Count;
                        error ??= "There is text after the closing double quote. In a quoted value, write a double quote as two (\"\").";
                        var rest = text.AsSpan(pos).IndexOfAny(separator, '\r', '\n');
                        var end = rest < 0 ? text.Length : pos + rest;
                        field.Append(text, pos, end - pos);
                        pos = end;
                    }
                }
                else
                {
                    var length = text.AsSpan(pos).IndexOfAny(stops);
                    var end = length < 0 ? text.Length : pos + length;
                    while (end < text.Length && text[end] == '"')
                    {
                        errorField ??= fields.Count;
                        error ??= "The value has a double quote but does not start with one. Put the whole value in double quotes and write the quote as two (\"\").";
                        var more = text.AsSpan(end + 1).IndexOfAny(stops);
                        end = more < 0 ? text.Length : end + 1 + more;
                    }

                    field.Append(text, pos, end - pos);
                    pos = end;
                }

                fields.Add(field.ToString());
                if (pos < text.Length && text[pos] == separator)
                {
                    pos++;
                    continue;
                }

                if (pos < text.Length)
                {
                    // CRLF, LF or a lone CR (old Mac files) ends the record.
                    pos += text[pos] == '\r' && pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
                    line++;
                }

                break;
            }

            yield return new CsvRecord(start, fields, error, errorField);
        }
    }

    /// <summary>The offset of the first byte that is not part of a valid UTF-8 sequence.</summary>
    private static int FirstInvalidByte(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var consumed) != OperationStatus.Done)
            {
                return offset;
            }

            offset += consumed;
        }

        return Math.Max(0, bytes.Length - 1);
    }
}
