"""The awards pages, one address list per feature, all in the `awards:` namespace."""

from awards.certificates import urls as certificates
from awards.cluster_votes import urls as cluster_votes
from awards.council import urls as council
from awards.decisions import urls as decisions
from awards.nominations import urls as nominations
from awards.records import urls as records
from awards.submissions import urls as submissions

app_name = "awards"
urlpatterns = [
    *nominations.urlpatterns,
    *records.urlpatterns,
    *cluster_votes.urlpatterns,
    *council.urlpatterns,
    *decisions.urlpatterns,
    *certificates.urlpatterns,
    *submissions.urlpatterns,
]
