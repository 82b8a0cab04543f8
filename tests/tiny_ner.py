"""A tiny BERT token-classification model, built locally, for the NER path.

It is randomly initialised except for its classifier, which is set so that
every word comes out as a person name (B-PERS): the point is not accuracy but
that camel-tools' NERecognizer really loads a model folder from disk and its
predictions flow through the build into the candidates file.
"""

from __future__ import annotations

from pathlib import Path

# The labels camel-tools' AraBERT NER model uses.
LABELS = ["B-LOC", "B-ORG", "B-PERS", "B-MISC", "I-LOC", "I-ORG", "I-PERS", "I-MISC", "O"]


def build_tiny_ner(folder: Path, words: list[str]) -> Path:
    import torch
    from transformers import BertConfig, BertForTokenClassification, BertTokenizer

    folder.mkdir(parents=True, exist_ok=True)
    vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *sorted(set(words))]
    (folder / "vocab.txt").write_text("\n".join(vocabulary) + "\n", encoding="utf-8")
    config = BertConfig(
        vocab_size=len(vocabulary),
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=512,
        id2label=dict(enumerate(LABELS)),
        label2id={label: i for i, label in enumerate(LABELS)},
    )
    torch.manual_seed(0)
    model = BertForTokenClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.zero_()
        model.classifier.bias[LABELS.index("B-PERS")] = 10.0
    model.save_pretrained(folder, safe_serialization=True)
    BertTokenizer(str(folder / "vocab.txt"), do_lower_case=False).save_pretrained(folder)
    return folder
