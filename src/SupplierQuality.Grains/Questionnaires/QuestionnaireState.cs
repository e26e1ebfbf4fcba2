namespace SupplierQuality.Grains.Questionnaires;

/// <summary>
/// The stored questionnaire. Its own shape, not the message records, so that it follows docs/adr/0004 (JSON with
/// type names) and the messages need not.
/// </summary>
[GenerateSerializer, Alias("SupplierQuality.Questionnaires.QuestionnaireState")]
public sealed class QuestionnaireState
{
    /// <summary>0 until the questionnaire is created; one more with every change.</summary>
    [Id(0)]
    public int Revision { get; set; }

    /// <summary>In number order; only the last may be a draft.</summary>
    [Id(1)]
    public List<QuestionnaireVersionState> Versions { get; set; } = [];

    [Id(2)]
    public DateTimeOffset CreatedAt { get; set; }

    [Id(3)]
    public DateTimeOffset UpdatedAt { get; set; }

    [Id(4)]
    public CopySource? CopiedFrom { get; set; }

    public QuestionnaireVersionState? Draft =>
        Versions.Count > 0 && Versions[^1].Status == VersionStatus.Draft ? Versions[^1] : null;
}

[GenerateSerializer, Alias("SupplierQuality.Questionnaires.QuestionnaireVersionState")]
public sealed class QuestionnaireVersionState
{
    [Id(0)]
    public int Number { get; set; }

    [Id(1)]
    public VersionStatus Status { get; set; }

    [Id(2)]
    public DateTimeOffset? PublishedAt { get; set; }

    /// <summary>The questionnaire's revision that published this version (0 while a draft): recognises a retried publish.</summary>
    [Id(3)]
    public int PublishedRevision { get; set; }

    [Id(4)]
    public string Title { get; set; } = string.Empty;

    [Id(5)]
    public string? Description { get; set; }

    [Id(6)]
    public List<Dimension> Dimensions { get; set; } = [];

    [Id(7)]
    public List<QuestionState> Questions { get; set; } = [];

    /// <summary>
    /// Optional translations of the version's texts, by language code, then by text key (see
    /// <see cref="QuestionnaireTranslation"/>); null for none, as in versions stored before translations.
    /// </summary>
    [Id(8)]
    public Dictionary<string, Dictionary<string, string>>? Translations { get; set; }

    public QuestionnaireContent ToContent() => new()
    {
        Title = Title,
        Description = Description,
        Dimensions = Dimensions.ToArray(),
        Questions = Questions.Select(q => q.ToQuestion()).ToArray(),
    };

    public void Set(QuestionnaireContent content)
    {
        Title = content.Title;
        Description = content.Description;
        Dimensions = [.. content.Dimensions];
        Questions = [.. content.Questions.Select(QuestionState.From)];
    }

    public QuestionnaireVersion ToVersion() => new(Number, Status, PublishedAt, ToContent());

    public QuestionnaireVersionSummary ToSummary() => new(Number, Status, PublishedAt, Title, Questions.Count);
}

[GenerateSerializer, Alias("SupplierQuality.Questionnaires.QuestionState")]
public sealed class QuestionState
{
    [Id(0)]
    public string Id { get; set; } = string.Empty;

    [Id(1)]
    public QuestionKind Kind { get; set; }

    [Id(2)]
    public string Text { get; set; } = string.Empty;

    [Id(3)]
    public string? HelpText { get; set; }

    [Id(4)]
    public bool Required { get; set; }

    [Id(5)]
    public string? DimensionId { get; set; }

    [Id(6)]
    public int? Points { get; set; }

    [Id(7)]
    public string? LowLabel { get; set; }

    [Id(8)]
    public string? HighLabel { get; set; }

    [Id(9)]
    public bool Nps { get; set; }

    [Id(10)]
    public List<ChoiceOption> Options { get; set; } = [];

    [Id(11)]
    public decimal? Min { get; set; }

    [Id(12)]
    public decimal? Max { get; set; }

    [Id(13)]
    public decimal? TargetMin { get; set; }

    [Id(14)]
    public decimal? TargetMax { get; set; }

    [Id(15)]
    public int? MaxLength { get; set; }

    /// <summary>False in rows stored before questions could allow "Not applicable", which is what they meant.</summary>
    [Id(16)]
    public bool AllowNotApplicable { get; set; }

    public static QuestionState From(Question question) => new()
    {
        Id = question.Id,
        Kind = question.Kind,
        Text = question.Text,
        HelpText = question.HelpText,
        Required = question.Required,
        DimensionId = question.DimensionId,
        Points = question.Points,
        LowLabel = question.LowLabel,
        HighLabel = question.HighLabel,
        Nps = question.Nps,
        Options = [.. question.Options],
        Min = question.Min,
        Max = question.Max,
        TargetMin = question.TargetMin,
        TargetMax = question.TargetMax,
        MaxLength = question.MaxLength,
        AllowNotApplicable = question.AllowNotApplicable,
    };

    public Question ToQuestion() => new()
    {
        Id = Id,
        Kind = Kind,
        Text = Text,
        HelpText = HelpText,
        Required = Required,
        DimensionId = DimensionId,
        Points = Points,
        LowLabel = LowLabel,
        HighLabel = HighLabel,
        Nps = Nps,
        Options = Options.ToArray(),
        Min = Min,
        Max = Max,
        TargetMin = TargetMin,
        TargetMax = TargetMax,
        MaxLength = MaxLength,
        AllowNotApplicable = AllowNotApplicable,
    };
}
