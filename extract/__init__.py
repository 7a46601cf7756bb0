"""Text in, records out: normalize → passages → segment → entities → metrics → work areas."""
