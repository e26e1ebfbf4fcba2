namespace SupplierQuality.Grains.Questionnaires;

[GenerateSerializer, Alias("SupplierQuality.Questionnaires.QuestionnaireDirectoryState")]
public sealed class QuestionnaireDirectoryState
{
    [Id(0)]
    public Dictionary<Guid, QuestionnaireDirectoryEntry> Entries { get; set; } = [];
}
