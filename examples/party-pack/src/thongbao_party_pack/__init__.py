"""thongbao template pack for Communist Party documents (văn bản của Đảng, HD 36-HD/VPTW).

``PACK`` is the pack folder (``pack.toml`` + ``templates/``) that the ``thongbao.templates`` entry
point names. The pack brings its own model (:class:`PartyDocument`), context builder and rule data.
"""

from importlib import resources
from importlib.resources.abc import Traversable

from thongbao_party_pack.context import build_context
from thongbao_party_pack.models import PartyDocument, PartySignature

PACK: Traversable = resources.files(__name__)

__all__ = ["PACK", "PartyDocument", "PartySignature", "build_context"]
