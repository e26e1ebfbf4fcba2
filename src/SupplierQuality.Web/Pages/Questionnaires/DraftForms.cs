using System.Globalization;
using SupplierQuality.Grains.Questionnaires;

namespace SupplierQuality.Web.Pages.Questionnaires;

/// <summary>The draft's title and introduction as posted.</summary>
public sealed class HeaderForm : IQuestionnaireHeader
{
    public string? Title { get; set; }

    public string? Description { get; set; }
}

/// <summary>
/// One row of the dimensions table. A row without an id is new (its id becomes the slug of its name); a blank new
/// row is ignored, so the table can offer spare rows without script.
/// </summary>
public sealed class DimensionRow
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public decimal? Weight { get; set; }

    public bool Remove { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Id) && string.IsNullOrWhiteSpace(Name) && Weight is null;

    public static List<DimensionRow> From(IReadOnlyList<Dimension> dimensions) =>
        Pad([.. dimensions.Select(d => new DimensionRow { Id = d.Id, Name = d.Name, Weight = d.Weight })]);

    /// <summary>Adds blank rows for new dimensions, two beyond the existing ones, within the limit.</summary>
    public static List<DimensionRow> Pad(List<DimensionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var count = Math.Min(QuestionnaireInput.MaxDimensions, Math.Max(rows.Count + 2, 3));
        while (rows.Count < count)
        {
            rows.Add(new DimensionRow());
        }

        return rows;
    }

    /// <summary>The dimensions the rows say, and for each the row it came from (errors point at the row).</summary>
    public static (List<Dimension> Dimensions, List<int> Rows) Read(IReadOnlyList<DimensionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var kept = rows.Select((row, index) => (row, index)).Where(r => r.row is not null && !r.row.Remove && !r.row.IsBlank).ToList();
        return (
            [.. kept.Select(r => new Dimension(r.row.Id ?? string.Empty, r.row.Name ?? string.Empty, r.row.Weight))],
            [.. kept.Select(r => r.index)]);
    }
}

/// <summary>One question's form as posted: every kind's settings; the page shows only those of the question's kind.</summary>
public sealed class QuestionForm
{
    public string? Text { get; set; }

    public string? HelpText { get; set; }

    public bool Required { get; set; }

    public string? DimensionId { get; set; }

    public int? Points { get; set; }

    public string? LowLabel { get; set; }

    public string? HighLabel { get; set; }

    public bool Nps { get; set; }

    public List<OptionRow> Options { get; set; } = [];

    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    public decimal? TargetMin { get; set; }

    public decimal? TargetMax { get; set; }

    public int? MaxLength { get; set; }

    public bool AllowNotApplicable { get; set; }

    /// <summary>A new question of this kind, with the settings most questions of the kind have.</summary>
    public static QuestionForm For(QuestionKind kind) => new QuestionForm
    {
        Required = true,
        Points = kind == QuestionKind.Likert ? 5 : null,
        MaxLength = kind == QuestionKind.FreeText ? QuestionnaireInput.MaxFreeTextLength : null,
    }.WithOptionRows(kind);

    public static QuestionForm From(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return new QuestionForm
        {
            Text = question.Text,
            HelpText = question.HelpText,
            Required = question.Required,
            DimensionId = question.DimensionId,
            Points = question.Points,
            LowLabel = question.LowLabel,
            HighLabel = question.HighLabel,
            Nps = question.Nps,
            Options = [.. question.Options.Select(o => new OptionRow { Id = o.Id, Text = o.Text, Score = o.Score })],
            Min = question.Min,
            Max = question.Max,
            TargetMin = question.TargetMin,
            TargetMax = question.TargetMax,
            MaxLength = question.MaxLength,
            AllowNotApplicable = question.AllowNotApplicable,
        }.WithOptionRows(question.Kind);
    }

    /// <summary>Pads a choice question's options with blank rows, so there is room to add options without script.</summary>
    public QuestionForm WithOptionRows(QuestionKind kind)
    {
        if (kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice)
        {
            var count = Math.Min(QuestionnaireInput.MaxOptions, Math.Max(Options.Count + 2, 4));
            while (Options.Count < count)
            {
                Options.Add(new OptionRow());
            }
        }

        return this;
    }

    /// <summary>The question the form says, and for each of its options the row it came from. Blank option rows are skipped.</summary>
    public (Question Question, List<int> OptionRows) ToQuestion(string id, QuestionKind kind)
    {
        var options = Options.Select((row, index) => (row, index))
            .Where(r => r.row is not null && !(string.IsNullOrWhiteSpace(r.row.Text) && r.row.Score is null))
            .ToList();
        var question = new Question
        {
            Id = id,
            Kind = kind,
            Text = Text ?? string.Empty,
            HelpText = HelpText,
            Required = Required,
            DimensionId = DimensionId,
            Points = Points,
            LowLabel = LowLabel,
            HighLabel = HighLabel,
            Nps = Nps,
            Options = [.. options.Select(r => new ChoiceOption(r.row.Id ?? string.Empty, r.row.Text ?? string.Empty, r.row.Score))],
            Min = Min,
            Max = Max,
            TargetMin = TargetMin,
            TargetMax = TargetMax,
            MaxLength = MaxLength,
            AllowNotApplicable = AllowNotApplicable,
        };
        return (question, [.. options.Select(r => r.index)]);
    }

    /// <summary>
    /// The form field of a question-level error key (<c>options[1].score</c> → <c>Form.Options[3].Score</c> when
    /// option 1 came from row 3); null when the key is not one of this form's fields.
    /// </summary>
    public static string? FieldFor(string rest, string prefix, IReadOnlyList<int> optionRows)
    {
        ArgumentNullException.ThrowIfNull(rest);
        ArgumentNullException.ThrowIfNull(optionRows);
        if (QuestionnaireErrors.TryIndexed(rest, "options", out var option, out var field))
        {
            var row = option < optionRows.Count ? optionRows[option] : option;
            var name = field == "score" ? nameof(OptionRow.Score) : nameof(OptionRow.Text);
            return string.Create(CultureInfo.InvariantCulture, $"{prefix}.{nameof(Options)}[{row}].{name}");
        }

        return rest switch
        {
            "text" => $"{prefix}.{nameof(Text)}",
            "helpText" => $"{prefix}.{nameof(HelpText)}",
            "dimensionId" => $"{prefix}.{nameof(DimensionId)}",
            "points" => $"{prefix}.{nameof(Points)}",
            "lowLabel" => $"{prefix}.{nameof(LowLabel)}",
            "highLabel" => $"{prefix}.{nameof(HighLabel)}",
            "options" => $"{prefix}.{nameof(Options)}",
            "min" => $"{prefix}.{nameof(Min)}",
            "max" => $"{prefix}.{nameof(Max)}",
            "targetMin" => $"{prefix}.{nameof(TargetMin)}",
            "targetMax" => $"{prefix}.{nameof(TargetMax)}",
            "maxLength" => $"{prefix}.{nameof(MaxLength)}",
            _ => null,
        };
    }
}

public sealed class OptionRow
{
    public string? Id { get; set; }

    public string? Text { get; set; }

    public decimal? Score { get; set; }
}
