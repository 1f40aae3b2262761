#!/bin/sh
# Screenshots of the shipped series at 375 px (a phone) and 600 px (desktop mail), light scheme,
# for the README. Renders first: mvn -o -q test -Dtest=SeriesPreviewTests
set -e
cd "$(dirname "$0")/../.."
for html in target/series-preview/*.html; do
  step=$(basename "$html" .html)
  for width in 375 600; do
    chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
      --window-size="$width,$([ $width = 375 ] && echo 4200 || echo 3000)" --screenshot="docs/series/$step-$width.png" "file://$PWD/$html" 2>/dev/null
  done
done
