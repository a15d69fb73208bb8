extensions = ["sphinx_protocols"]
protocols_partnership = "Test partnership"
# This test partnership publishes its findings (they are for partners only by default)
protocols_partner_only_views = ["review-pack"]
