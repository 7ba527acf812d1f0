# learning-rate.gp — written by the course; edit freely and rerun, no retraining needed.
#   gnuplot learning-rate.gp                  writes learning-rate.png and learning-rate.svg
#   gnuplot -c learning-rate.gp terminal      draws it in the terminal
#   gnuplot -c learning-rate.gp files a.png b.svg   writes a.png and b.svg (beside it) instead

# Work beside this script, where its data files are: its path up to the last '/'.
# (Found in gnuplot itself, not the shell, so any character in the path is safe.)
script_dir = "."
do for [i = 1:strlen(ARG0)] { if (ARG0[i:i] eq "/") { script_dir = (i == 1) ? "/" : ARG0[1:i-1] } }
cd script_dir
mode = (ARGC > 0) ? ARG1 : "files"
targets = (mode eq "terminal") ? "terminal" : "png svg"
png_file = (ARGC > 1) ? ARG2 : 'learning-rate.png'
svg_file = (ARGC > 2) ? ARG3 : 'learning-rate.svg'

do for [target in targets] {
  if (target eq "png") { set terminal pngcairo size 1100,850 noenhanced font 'Sans,10'; set output png_file }
  if (target eq "svg") { set terminal svg size 1100,850 noenhanced font 'Sans,10' background 'white'; set output svg_file }
  if (target eq "terminal") { set terminal dumb size 120,40 noenhanced; set output }
  set multiplot layout 2,2 title 'Larger steps: training accuracy with (solid) and without (dashed) batch normalization'
  # — panel 'η = 0.01, He''s start' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'η = 0.01, He''s start'; set xlabel 'epochs'; set ylabel 'training accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom right opaque
  plot 'learning-rate.dat' using 1:3 with lines lw 1.5 lc rgb '#1f77b4' title 'Batch Normalization', \
       'learning-rate.dat' using 1:2 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)'
  # — panel 'η = 0.1, He''s start' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'η = 0.1, He''s start'; set xlabel 'epochs'; set ylabel 'training accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom right opaque
  plot 'learning-rate.dat' using 1:6 with lines lw 1.5 lc rgb '#1f77b4' title 'Batch Normalization', \
       'learning-rate.dat' using 1:5 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)'
  # — panel 'η = 0.5, He''s start' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title 'η = 0.5, He''s start'; set xlabel 'epochs'; set ylabel 'training accuracy'
  set xrange [0:19]; set yrange [0:1]
  set format x '% h'
  set format y '% h'
  set key default; set key bottom right opaque
  plot 'learning-rate.dat' using 1:9 with lines lw 1.5 lc rgb '#1f77b4' title 'Batch Normalization', \
       'learning-rate.dat' using 1:8 with lines lw 1.5 dt 2 lc rgb '#ff7f0e' title 'Normal (without BatchNorm)'
  # — panel '|W1| of the batch-normalized networks' —
  unset logscale; unset contour; unset colorbox; set surface; set view 60,30; set size noratio
  set style fill solid 0.6 noborder; set grid; unset xtics; unset ytics; set xtics nomirror; set ytics nomirror; set border 3
  set title '|W1| of the batch-normalized networks'; set xlabel 'epochs'; set ylabel '|W1|'
  set xrange [0:19]; set yrange [*:*]
  set format x '% h'
  set format y '% h'
  set key default; set key center right opaque
  plot 'learning-rate.dat' using 1:4 with linespoints lw 1.5 pi 2 ps 1 title 'η = 0.01', \
       'learning-rate.dat' using 1:7 with linespoints lw 1.5 pi 2 ps 1 title 'η = 0.1', \
       'learning-rate.dat' using 1:10 with linespoints lw 1.5 pi 2 ps 1 title 'η = 0.5'
  unset multiplot
  set output
}
