"""`byline publish`: upload a built dataset folder to the Hugging Face Hub.

The only command of Byline that touches the network. It refuses a build that is stale (differs
from a fresh build of the corpus) or a corpus that does not validate. The token comes from the
usual places (HF_TOKEN, `huggingface-cli login`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from byline.corpus import Corpus
from byline.hf.build import check
from byline.problems import BylineInputError, Problem


@dataclass
class UploadPlan:
    repo_id: str
    folder: Path
    files: list[str]
    commit_message: str
    private: bool


def plan_upload(corpus: Corpus, folder: str | Path, repo_id: str, private: bool = False) -> UploadPlan:
    from byline.validate import validate_corpus

    folder = Path(folder)
    if corpus.root is not None:
        _, problems = validate_corpus(Path(corpus.root))
        if problems:
            raise BylineInputError(problems)
    stale = check(corpus, folder)
    if stale:
        raise BylineInputError([Problem(str(folder), "", f"refusing to publish a stale build: {s}") for s in stale])
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    return UploadPlan(repo_id, folder, files, f"Byline corpus {corpus.version} ({corpus.content_hash[:12]})", private)


def upload(plan: UploadPlan, api=None) -> str:
    """Create the dataset repo if needed and upload the folder; return the commit URL."""
    from huggingface_hub import HfApi

    api = api or HfApi()
    api.create_repo(plan.repo_id, repo_type="dataset", private=plan.private, exist_ok=True)
    info = api.upload_folder(repo_id=plan.repo_id, repo_type="dataset", folder_path=str(plan.folder),
                             allow_patterns=plan.files, commit_message=plan.commit_message)
    return str(getattr(info, "commit_url", info))
